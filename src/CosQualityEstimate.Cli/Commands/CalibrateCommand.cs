using System.CommandLine;
using System.Globalization;
using System.Text;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// <c>cosqe calibrate --service batch.db --local analyze.db [--prefix P] [--out cal.json]</c>: pairs the keys the service
/// scored (a <c>cosqe batch</c> journal) with the files <c>cosqe analyze</c> scored (its journal holds full paths): an
/// object key, without <c>--prefix</c>, pairs with the local file whose path ends with it ("/" + key). Fits the monotone
/// map from the local score to the service's (<see cref="LocalScoreCalibration.Fit"/>), prints the agreement before and
/// after (Spearman, mean absolute error, accuracy of the good-quality decision, <see cref="Models.QualityEstimate.GoodQualityThreshold"/>) and writes the calibration for
/// <c>cosqe analyze --calibration</c>. Only results whose source is the service count (never simulated ones).
/// </summary>
internal static class CalibrateCommand
{
    /// <summary>The fewest pairs a calibration is fitted on.</summary>
    public const int MinimumPairs = 5;

    public static IEnumerable<Command> Create(CliHost host)
    {
        var service = new Option<string>("--service") { Description = "A cosqe batch journal holding the service's scores of a sample of the catalog.", Required = true, HelpName = "batch.db" };
        var local = new Option<string>("--local") { Description = "A cosqe analyze journal holding the local scores of the same videos.", Required = true, HelpName = "analyze.db" };
        var prefix = new Option<string?>("--prefix") { Description = "The upload prefix of the object keys (taken off each key before it is matched to a local path).", HelpName = "prefix/" };
        var output = new Option<string>("--out") { Description = "Where to write the calibration.", DefaultValueFactory = _ => "cal.json", HelpName = "cal.json" };
        var command = new Command("calibrate", "Fit the map from the local score to the service's score on videos scored by both, print the agreement before and after, and write it for cosqe analyze --calibration.")
        {
            service, local, prefix, output,
        };
        command.SetAction(CommandActions.Action(host, async context =>
        {
            var servicePath = Path.GetFullPath(context.Parse.GetValue(service)!, host.CurrentDirectory);
            var localPath = Path.GetFullPath(context.Parse.GetValue(local)!, host.CurrentDirectory);
            var outPath = Path.GetFullPath(context.Parse.GetValue(output)!, host.CurrentDirectory);
            var pairs = Pair(Read(servicePath, host, service: true), Read(localPath, host, service: false), context.Parse.GetValue(prefix) ?? "");
            if (pairs.Count < MinimumPairs)
            {
                throw new CliUsageException($"only {pairs.Count} video(s) are scored in both journals ({MinimumPairs} needed): check --prefix and that --service holds service results.");
            }

            var calibration = LocalScoreCalibration.Fit(Path.GetFileNameWithoutExtension(outPath), pairs.Select(p => p.Local).ToList(), pairs.Select(p => p.Service).ToList());
            var before = Agreement.Of(pairs.Select(p => (p.Local, p.Service)).ToList());
            var after = Agreement.Of(pairs.Select(p => (calibration.Apply(p.Local), p.Service)).ToList());
            await File.WriteAllTextAsync(outPath, calibration.ToJson(), new UTF8Encoding(false), context.Cancel).ConfigureAwait(false);
            if (context.Json)
            {
                await context.Out.WriteLineAsync(JobJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("pairs", pairs.Count);
                    w.WriteString("calibration", outPath);
                    Agreement.Write(w, "before", before);
                    Agreement.Write(w, "after", after);
                    w.WriteEndObject();
                })).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{pairs.Count} video(s) scored by both; {calibration.LocalScores.Count} knot(s).")).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"          Spearman  mean abs error  decision (>= {JobText.GoodBar}) accuracy").ConfigureAwait(false);
                await context.Out.WriteLineAsync(before.Line("before")).ConfigureAwait(false);
                await context.Out.WriteLineAsync(after.Line("after")).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"Wrote {outPath} (use: cosqe analyze --calibration {outPath} ...)").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        yield return command;
    }

    private static List<(string Key, double Score)> Read(string path, CliHost host, bool service)
    {
        using var file = service
            ? JournalFile.OpenExisting(path, host.Time, JournalKind.Batch, JournalKind.ServerSideBatch)
            : JournalFile.OpenExisting(path, host.Time, JournalKind.Analysis);
        return file.EnumerateAll()
            .Where(r => r.State == JournalState.Success && r.Score is { } s && double.IsFinite(s)
                && (!service || r.Source == Models.QualityEstimateSourceNames.Service))
            .Select(r => (r.Key, r.Score!.Value))
            .ToList();
    }

    /// <summary>Each service key (without the prefix) with the local key (a path relative to its argument root, or the full
    /// path in an older journal) that is it or ends with "/" + it (the longest such key wins a path).</summary>
    internal static List<(string Key, double Local, double Service)> Pair(List<(string Key, double Score)> service, List<(string Key, double Score)> local, string prefix)
    {
        var byName = local.GroupBy(l => Path.GetFileName(l.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<(string, double, double)>();
        foreach (var (key, score) in service.OrderByDescending(s => s.Key.Length))
        {
            var relative = key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;
            if (string.IsNullOrEmpty(relative) || !byName.TryGetValue(Path.GetFileName(relative), out var candidates))
            {
                continue;
            }

            var suffix = "/" + relative.TrimStart('/');
            var match = candidates.Where(c => !used.Contains(c.Key) && ("/" + c.Key.Replace('\\', '/')).EndsWith(suffix, StringComparison.Ordinal)).ToList();
            if (match.Count == 1)
            {
                used.Add(match[0].Key);
                pairs.Add((key, match[0].Score, score));
            }
        }

        return pairs;
    }

    /// <summary>How well one score agrees with the service's.</summary>
    internal readonly record struct Agreement(double Spearman, double MeanAbsoluteError, double DecisionAccuracy)
    {
        public static Agreement Of(IReadOnlyList<(double Score, double Service)> pairs) => new(
            RankCorrelation(pairs.Select(p => p.Score).ToList(), pairs.Select(p => p.Service).ToList()),
            pairs.Average(p => Math.Abs(p.Score - p.Service)),
            pairs.Count(p => IsGood(p.Score) == IsGood(p.Service)) / (double)pairs.Count);

        /// <summary>The decision the accuracy counts: the library's good-quality bar (<see cref="Models.QualityEstimate.GoodQualityThreshold"/>).</summary>
        private static bool IsGood(double score) => score >= Models.QualityEstimate.GoodQualityThreshold;

        public string Line(string label) => string.Create(CultureInfo.InvariantCulture, $"{label,-8}  {Spearman,8:0.000}  {MeanAbsoluteError,14:0.00}  {DecisionAccuracy,24:0.000}");

        public static void Write(System.Text.Json.Utf8JsonWriter w, string name, Agreement a)
        {
            w.WriteStartObject(name);
            w.WriteNumber("spearman", Math.Round(a.Spearman, 4));
            w.WriteNumber("meanAbsoluteError", Math.Round(a.MeanAbsoluteError, 4));
            w.WriteNumber("decisionAccuracy", Math.Round(a.DecisionAccuracy, 4));
            w.WriteEndObject();
        }

        private static double RankCorrelation(List<double> a, List<double> b)
        {
            var ra = Ranks(a);
            var rb = Ranks(b);
            double ma = ra.Average(), mb = rb.Average(), num = 0, da = 0, db = 0;
            for (var i = 0; i < ra.Length; i++)
            {
                num += (ra[i] - ma) * (rb[i] - mb);
                da += (ra[i] - ma) * (ra[i] - ma);
                db += (rb[i] - mb) * (rb[i] - mb);
            }

            return da == 0 || db == 0 ? 0 : num / Math.Sqrt(da * db);
        }

        private static double[] Ranks(List<double> v)
        {
            var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
            var ranks = new double[v.Count];
            for (var i = 0; i < order.Length;)
            {
                var j = i;
                while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]])
                {
                    j++;
                }

                for (var k = i; k <= j; k++)
                {
                    ranks[order[k]] = (i + j) / 2.0;
                }

                i = j + 1;
            }

            return ranks;
        }
    }
}
