using System.Reflection.Metadata;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// Compiles a doc snippet in-process (Roslyn) as a top-level program against the assemblies this test runs with: the
/// .NET and ASP.NET Core shared frameworks, the library, the emulator and their packages. No restore, no network.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>What every SDK project imports (<c>ImplicitUsings</c>): a snippet may rely on these and nothing else.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using static global::SnippetAmbient;
        """;

    /// <summary>What a fragment (a snippet with no <c>using</c> of its own) finds imported.</summary>
    private const string FragmentUsings = """
        global using global::CosQualityEstimate;
        global using global::CosQualityEstimate.Credentials;
        global using global::CosQualityEstimate.Emulator;
        global using global::CosQualityEstimate.Jobs;
        global using global::CosQualityEstimate.Models;
        global using global::CosQualityEstimate.Objects;
        global using global::CosQualityEstimate.Signing;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::System.Text;
        """;

    /// <summary>
    /// The names pages take as given (declared with full type names, so they import nothing). A snippet that declares
    /// the same name hides these.
    /// </summary>
    private const string Ambient = """
        #nullable enable
        #pragma warning disable CS8618
        internal static class SnippetAmbient
        {
            public static string secretId = "", secretKey = "", bucket = "", region = "", jobId = "", body = "", contentType = "";
            public static byte[] utf8Bytes = [];
            public static global::CosQualityEstimate.Jobs.JobsClient client = null!;
            public static global::CosQualityEstimate.Jobs.JobsClientOptions options = null!;
            public static global::CosQualityEstimate.Emulator.CosEmulator emu = null!;
            public static global::Microsoft.AspNetCore.Builder.WebApplicationBuilder builder = null!;
            public static global::System.IServiceProvider provider = null!;
            public static StsClient myStsClient = null!;
            public static global::System.Func<global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<global::CosQualityEstimate.Credentials.TemporaryCosCredential>> fetchTemporaryCredentialAsync = null!;

            public sealed class StsClient
            {
                public global::System.Threading.Tasks.Task<StsToken> GetFederationTokenAsync(global::System.Threading.CancellationToken cancellationToken) => null!;
            }

            public sealed record StsToken(string TmpSecretId, string TmpSecretKey, string Token, long ExpiredTime);

            public sealed class MyAuditHandler : global::System.Net.Http.DelegatingHandler;
        }
        """;

    private static readonly Lazy<CSharpCompilation> Base = new(CreateBase);

    /// <summary>The compiler's errors for <paramref name="code"/> (empty when it compiles).</summary>
    internal static IReadOnlyList<string> Errors(string code, bool isProgram)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(code, parse, path: "snippet.cs"),
            CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "implicit-usings.cs"),
            CSharpSyntaxTree.ParseText(Ambient, parse, path: "ambient.cs"),
        };
        if (!isProgram)
        {
            trees.Add(CSharpSyntaxTree.ParseText(FragmentUsings, parse, path: "fragment-usings.cs"));
        }

        return Base.Value.AddSyntaxTrees(trees)
            .GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id} at snippet line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }

    private static CSharpCompilation CreateBase()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        var references = platform.Concat(local)
            .Where(p => !Path.GetFileName(p).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase) // one file per assembly name, the platform's first
            .Select(g => g.First())
            .Where(IsManagedAssembly)
            .Select(p => MetadataReference.CreateFromFile(p));

        return CSharpCompilation.Create(
            "Snippet",
            references: references,
            options: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
