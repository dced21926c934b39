using System.Reflection;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>The shipped assemblies under test (referenced by this project, so they sit next to it).</summary>
internal static class Assemblies
{
    /// <summary>The loaded assembly named <paramref name="name"/> (for example <c>cosqe</c>).</summary>
    internal static Assembly Load(string name) => Assembly.Load(name);

    /// <summary>The file of the assembly named <paramref name="name"/>.</summary>
    internal static string PathOf(string name) => Load(name).Location;
}
