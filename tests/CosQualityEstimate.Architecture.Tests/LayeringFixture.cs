// Deliberately layered-wrong types: LayeringTests proves its check reports each of these forbidden uses (a method body
// call, a field signature, an async lambda, a use within one layer). Never used at run time.
#pragma warning disable CA1812, CA1822, CA1823, CS0169, CS0649, IDE0051, CA1515

namespace CosQualityEstimate.Architecture.Tests.Fixture.Jobs
{
    internal static class FixtureJobs
    {
        internal static int Run() => 1;

        // Allowed: Jobs may use Models.
        internal static int UseModel() => new Models.FixtureModel().Value;
    }
}

namespace CosQualityEstimate.Architecture.Tests.Fixture.Models
{
    internal sealed class FixtureModel
    {
        internal int Value => 2;
    }

    internal static class ModelCallingJobs
    {
        // Back-edge in a method body only.
        internal static int Parse() => Jobs.FixtureJobs.Run();
    }
}

namespace CosQualityEstimate.Architecture.Tests.Fixture.Http
{
    internal sealed class FixturePipe
    {
    }
}

namespace CosQualityEstimate.Architecture.Tests.Fixture.Serialization
{
    internal sealed class SerializerHoldingHttp
    {
        // Back-edge in a field signature only.
        private readonly Http.FixturePipe? _pipe;
    }
}

namespace CosQualityEstimate.Architecture.Tests.Fixture.Objects
{
    internal static class ObjectsLambdaUsingJobs
    {
        // Back-edge inside a compiler-generated async state machine / closure.
        internal static async Task<int> RunAsync()
        {
            await Task.Yield();
            Func<int> call = () => Jobs.FixtureJobs.Run();
            return call();
        }
    }
}

namespace CosQualityEstimate.Architecture.Tests.Fixture.Signing
{
    internal static class SignerHoldingHttp
    {
        // Within one layer: Signing and Http share a layer, but Signing's row allows nothing.
        internal static object Make() => new Http.FixturePipe();
    }
}
