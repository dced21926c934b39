using System.Reflection;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Emulator.Tests.Packaging;

/// <summary>Issue 13 §4: the emulator ships as its own 1.0 package and uses the client library's public API only.</summary>
public sealed class NoLibraryInternalsTests
{
    [Fact]
    public void Library_GrantsNoInternalsToTheEmulatorPackage()
    {
        var granted = typeof(JobsClient).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(static a => a.AssemblyName.Split(',')[0].Trim())
            .ToList();

        Assert.DoesNotContain("CosQualityEstimate.Emulator", granted);
        Assert.DoesNotContain("CosQualityEstimate.Emulator.Tests", granted); // its differential tests use public types and the oracle mirror
    }

    [Fact]
    public void Emulator_ReadsAndWritesItsOwnWireTypes()
    {
        // The emulator's XML goes through its own DTOs, not CosQualityEstimate.Models.Wire.
        var emulator = typeof(CosEmulator).Assembly;
        var wireTypes = emulator.GetTypes().Where(static t => t.Namespace == "CosQualityEstimate.Emulator.Wire").Select(static t => t.Name).ToList();

        Assert.Contains("JobsResponseXml", wireTypes);
        Assert.Contains("JobRequestXml", wireTypes);
        Assert.Contains("QualityEstimateXml", wireTypes);
        foreach (var type in emulator.GetTypes())
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Assert.False(IsLibraryInternal(field.FieldType), $"{type.FullName}.{field.Name} is of the library's internal type {field.FieldType.FullName}");
            }
        }
    }

    [Fact]
    public void Emulator_KeepsNoCopyOfTheLibrarysReaders()
    {
        // Issue 18 §3: the emulator reads XML its own way (LINQ to XML over a loaded document), not with a near-copy of
        // the library's streaming readers, and takes the service's time format from the library's one source file.
        var names = typeof(CosEmulator).Assembly.GetTypes().Select(static t => t.FullName).ToList();

        Assert.DoesNotContain("CosQualityEstimate.Emulator.Xml.WireXmlReader", names);
        Assert.DoesNotContain("CosQualityEstimate.Emulator.Jobs.ServiceTimeText", names);
        Assert.Contains("CosQualityEstimate.Emulator.Xml.ElementFields", names);
        Assert.Contains("CosQualityEstimate.Serialization.ServiceTime", names); // compiled from src/CosQualityEstimate/Serialization/ServiceTime.cs
    }

    private static bool IsLibraryInternal(Type type)
    {
        if (type.IsGenericType && type.GetGenericArguments().Any(IsLibraryInternal))
        {
            return true;
        }

        return type.Assembly == typeof(JobsClient).Assembly && !(type.IsPublic || type.IsNestedPublic);
    }
}
