namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// Inside the library, the CLI and the emulator, dependencies follow <see cref="LayerMap"/> (the map docs/architecture.md shows): a
/// part uses only the parts its row lists. The check reads the compiled IL (signatures and method bodies), so a
/// forbidden use cannot hide in a method body, a lambda or an async state machine.
/// </summary>
public sealed class LayeringTests
{
    [Fact]
    public void Library_UsesOnlyWhatItsMapAllows()
    {
        var edges = DependencyScanner.Scan(Assemblies.PathOf(LayerMap.Library.Assembly));

        Expect.None(LayerMap.Library.Violations(edges));
        // The scan sees real edges (a check that sees nothing cannot fail): Jobs uses Http, Http uses Serialization.
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Jobs" && e.To == "CosQualityEstimate.Http");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Http" && e.To == "CosQualityEstimate.Serialization");
    }

    [Fact]
    public void Library_WithinLayerTwo_SigningUsesNothingOfOursAndCredentialsNeverUsesHttp()
    {
        var signing = LayerMap.Library.Named("Signing");
        var credentials = LayerMap.Library.Named("Credentials");

        Assert.Empty(signing.MayUse);
        Assert.DoesNotContain("Http", credentials.MayUse);
        Assert.Equal(signing.Layer, credentials.Layer);
        Assert.Equal(signing.Layer, LayerMap.Library.Named("Http").Layer);
    }

    [Fact]
    public void Cli_FoldersUseOnlyWhatTheirMapAllows()
    {
        var edges = DependencyScanner.Scan(Assemblies.PathOf(LayerMap.Cli.Assembly));

        Expect.None(LayerMap.Cli.Violations(edges));
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Cli.Commands" && e.To == "CosQualityEstimate.Cli.Batch");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Cli.Batch" && e.To == "CosQualityEstimate.Cli.Journal");
    }

    [Fact]
    public void Cli_CommandsAboveBatchAboveJournal_JournalNeverReadsOutputOrReport()
    {
        var map = LayerMap.Cli;

        Assert.True(map.Named("Commands").Layer > map.Named("Batch").Layer);
        Assert.True(map.Named("Batch").Layer > map.Named("Journal").Layer);
        Assert.DoesNotContain("Output", map.Named("Journal").MayUse);
        Assert.DoesNotContain("Report", map.Named("Journal").MayUse);
    }

    [Fact]
    public void Cli_OnlyTheJournalRunsSql_NoCommandSeesTheJournalStore()
    {
        var edges = DependencyScanner.Scan(Assemblies.PathOf(LayerMap.Cli.Assembly));
        var store = edges.Where(e => e.To == "CosQualityEstimate.Cli.Journal.Store").ToList();

        // The scan sees the journal's types run their statements on the store (a check that sees nothing cannot fail) ...
        Assert.Contains(store, e => e.From == "CosQualityEstimate.Cli.Journal" && e.Type == "CosQualityEstimate.Cli.Journal.BatchJournal");
        // ... and no other part of the CLI reaches it: SQL text never crosses the journal's boundary.
        Assert.All(store, e => Assert.Equal("CosQualityEstimate.Cli.Journal", e.From));
        Assert.Equal(["Journal"], LayerMap.Cli.Components.Where(c => c.MayUse.Contains("JournalStore")).Select(c => c.Name));
    }

    [Fact]
    public void Emulator_FoldersUseOnlyWhatTheirMapAllows()
    {
        var edges = DependencyScanner.Scan(Assemblies.PathOf(LayerMap.Emulator.Assembly));

        Expect.None(LayerMap.Emulator.Violations(edges));
        // The scan sees real edges of the emulator: the front door routes to jobs and snapshots, batches use the job store.
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Emulator.Routing" && e.To == "CosQualityEstimate.Emulator.Jobs");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Emulator.Routing" && e.To == "CosQualityEstimate.Emulator.Snapshots");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Emulator.Batches" && e.To == "CosQualityEstimate.Emulator.Jobs");
        Assert.Contains(edges, e => e.From == "CosQualityEstimate.Emulator.Jobs" && e.To == "CosQualityEstimate.Emulator.Http");
    }

    [Fact]
    public void Emulator_HttpIsPrimitivesOnly_ObjectsNeverReachUp_JobsNeverUseBatchesOrRouting()
    {
        var map = LayerMap.Emulator;

        // The cycles the map was drawn to remove: Http held the router (Http ↔ Jobs/Objects/Batches), Objects dispatched
        // snapshots (Objects ↔ Snapshots). The router now sits above every route and Http below them.
        Assert.True(map.Named("Routing").Layer > map.Named("Batches").Layer);
        Assert.True(map.Named("Http").Layer < map.Named("Objects").Layer);
        Assert.DoesNotContain("Jobs", map.Named("Http").MayUse);
        Assert.DoesNotContain("Routing", map.Named("Http").MayUse);
        Assert.DoesNotContain("Snapshots", map.Named("Objects").MayUse);
        Assert.DoesNotContain("Batches", map.Named("Jobs").MayUse);
        Assert.DoesNotContain("Routing", map.Named("Jobs").MayUse);
        Assert.Equal("Faults", map.Of("CosQualityEstimate.Emulator.EmulatorFaults", "CosQualityEstimate.Emulator")!.Name);
        Assert.Equal("Shell", map.Of("CosQualityEstimate.Emulator.CosEmulator", "CosQualityEstimate.Emulator")!.Name);
    }

    [Fact]
    public void Emulator_ABackEdgeFromObjectsToSnapshots_IsReported()
    {
        // The map fails when a dependency points the wrong way: the edge the snapshot route used to need.
        var edge = new DependencyScanner.Edge(
            "CosQualityEstimate.Emulator.Objects",
            "CosQualityEstimate.Emulator.Snapshots",
            "CosQualityEstimate.Emulator.Objects.ObjectsApi",
            "CosQualityEstimate.Emulator.Snapshots.SnapshotRoute");

        Assert.Equal(
            ["Objects → Snapshots: CosQualityEstimate.Emulator.Objects.ObjectsApi uses CosQualityEstimate.Emulator.Snapshots.SnapshotRoute"],
            LayerMap.Emulator.Violations([edge]));
    }

    [Fact]
    public void DeclaredEdges_AreRealEdgesTheScanSees()
    {
        foreach (var map in LayerMap.Assemblies)
        {
            var edges = DependencyScanner.Scan(Assemblies.PathOf(map.Assembly));
            Assert.All(map.Declared ?? [], d => Assert.Contains(edges, e => e.Type == d.Type && map.Of(e.UsedType, e.To)?.Name == d.To));
        }
    }

    [Fact]
    public void EveryNamespaceOfEveryMappedAssembly_IsInAPart()
    {
        foreach (var map in LayerMap.Assemblies)
        {
            var types = Assemblies.Load(map.Assembly).GetTypes().Where(t => !t.IsNested);

            Assert.All(types, t => map.Of(t.FullName!, t.Namespace ?? string.Empty));
        }

        Assert.Equal("Objects", LayerMap.Library.Of("CosQualityEstimate.Objects.ObjectsClient", "CosQualityEstimate.Objects")!.Name);
        Assert.Throws<InvalidOperationException>(() => LayerMap.Library.Of("CosQualityEstimate.Unplaced.T", "CosQualityEstimate.Unplaced"));
    }

    [Fact]
    public void Maps_PointDownOrAcrossOnly_AndNeverBothWays()
    {
        foreach (var map in LayerMap.Assemblies)
        {
            foreach (var part in map.Components)
            {
                foreach (var used in part.MayUse.Select(map.Named))
                {
                    Assert.True(used.Layer <= part.Layer, $"{map.Assembly}: {part.Name} (layer {part.Layer}) may use {used.Name} (layer {used.Layer}), which is higher");
                    Assert.False(used.MayUse.Contains(part.Name), $"{map.Assembly}: {part.Name} and {used.Name} may use each other");
                }
            }
        }
    }

    [Fact]
    public void Check_OnDeliberatelyBadFixtureTypes_ReportsEveryForbiddenUse()
    {
        const string f = "CosQualityEstimate.Architecture.Tests.Fixture";
        var map = new AssemblyMap(
            "fixture",
            f,
            [
                new("Models", 0, [f + ".Models"], [], ""),
                new("Serialization", 1, [f + ".Serialization"], ["Models"], ""),
                new("Signing", 2, [f + ".Signing"], [], ""),
                new("Http", 2, [f + ".Http"], ["Models", "Serialization"], ""),
                new("Objects", 3, [f + ".Objects"], ["Models", "Serialization", "Http"], ""),
                new("Jobs", 4, [f + ".Jobs"], ["Models", "Serialization", "Http", "Objects"], ""),
            ]);
        var edges = DependencyScanner.Scan(typeof(LayeringTests).Assembly.Location)
            .Where(e => e.From.StartsWith(f + ".", StringComparison.Ordinal) && e.To.StartsWith(f + ".", StringComparison.Ordinal));

        Assert.Equal(
            new[]
            {
                $"Models → Jobs: {f}.Models.ModelCallingJobs uses {f}.Jobs.FixtureJobs",
                $"Objects → Jobs: {f}.Objects.ObjectsLambdaUsingJobs uses {f}.Jobs.FixtureJobs",
                $"Serialization → Http: {f}.Serialization.SerializerHoldingHttp uses {f}.Http.FixturePipe",
                $"Signing → Http: {f}.Signing.SignerHoldingHttp uses {f}.Http.FixturePipe",
            },
            map.Violations(edges));
    }
}
