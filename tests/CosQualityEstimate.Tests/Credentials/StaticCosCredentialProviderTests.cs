using CosQualityEstimate.Credentials;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Tests.Credentials;

public sealed class StaticCosCredentialProviderTests
{
    [Fact]
    public async Task GetCredentialAsync_CalledRepeatedly_ReturnsSameInstance()
    {
        var credential = new CosCredential("AKIDstatic0001", "static-secret-key");
        var provider = new StaticCosCredentialProvider(credential);

        var first = await provider.GetCredentialAsync();
        var second = await provider.GetCredentialAsync();

        Assert.Same(credential, first);
        Assert.Same(credential, second);
        Assert.Same(credential, provider.Credential);
    }

    [Fact]
    public void Constructor_NullCredential_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new StaticCosCredentialProvider(null!));
    }
}
