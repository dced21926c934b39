using CosQualityEstimate.Credentials;

namespace CosQualityEstimate.Tests.Credentials;

public sealed class EnvironmentCosCredentialProviderTests
{
    private const string SecretId = "AKIDenvironment1234";
    private const string SecretKey = "env-secret-key-value";
    private const string SessionToken = "env-session-token-value";

    private readonly Dictionary<string, string?> _variables = new(StringComparer.Ordinal)
    {
        [EnvironmentCosCredentialProvider.SecretIdVariableName] = SecretId,
        [EnvironmentCosCredentialProvider.SecretKeyVariableName] = SecretKey,
        [EnvironmentCosCredentialProvider.SessionTokenVariableName] = SessionToken,
    };

    private int _reads;

    private EnvironmentCosCredentialProvider CreateProvider() => new(name =>
    {
        Interlocked.Increment(ref _reads);
        return _variables.TryGetValue(name, out var value) ? value : null;
    });

    [Fact]
    public void VariableNames_AreTheDocumentedNames()
    {
        Assert.Equal("COS_SECRET_ID", EnvironmentCosCredentialProvider.SecretIdVariableName);
        Assert.Equal("COS_SECRET_KEY", EnvironmentCosCredentialProvider.SecretKeyVariableName);
        Assert.Equal("COS_SESSION_TOKEN", EnvironmentCosCredentialProvider.SessionTokenVariableName);
    }

    [Fact]
    public async Task GetCredentialAsync_AllVariablesSet_ReturnsCredentialFromInjectedReader()
    {
        var credential = await CreateProvider().GetCredentialAsync();

        Assert.Equal(SecretId, credential.SecretId);
        Assert.Equal(SecretKey, credential.SecretKey);
        Assert.Equal(SessionToken, credential.SessionToken);
    }

    [Fact]
    public async Task GetCredentialAsync_SessionTokenUnsetOrEmpty_ReturnsCredentialWithoutToken()
    {
        var provider = CreateProvider();
        _variables.Remove(EnvironmentCosCredentialProvider.SessionTokenVariableName);
        Assert.Null((await provider.GetCredentialAsync()).SessionToken);

        _variables[EnvironmentCosCredentialProvider.SessionTokenVariableName] = "";
        Assert.Null((await provider.GetCredentialAsync()).SessionToken);
    }

    [Theory]
    [InlineData(EnvironmentCosCredentialProvider.SecretIdVariableName, null)]
    [InlineData(EnvironmentCosCredentialProvider.SecretKeyVariableName, null)]
    [InlineData(EnvironmentCosCredentialProvider.SecretKeyVariableName, "   ")]
    public async Task GetCredentialAsync_RequiredVariableMissing_ThrowsNamingVariableWithoutValues(string missing, string? value)
    {
        _variables[missing] = value;
        var provider = CreateProvider();

        var ex = await Assert.ThrowsAsync<CosCredentialUnavailableException>(async () => await provider.GetCredentialAsync());

        Assert.IsAssignableFrom<CosException>(ex);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretId, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SessionToken, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_BothRequiredVariablesMissing_NamesBoth()
    {
        _variables.Clear();

        var ex = await Assert.ThrowsAsync<CosCredentialUnavailableException>(async () => await CreateProvider().GetCredentialAsync());

        Assert.Contains("COS_SECRET_ID", ex.Message, StringComparison.Ordinal);
        Assert.Contains("COS_SECRET_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_ValuesUnchanged_ReadsEachCallAndReturnsSameInstance()
    {
        var provider = CreateProvider();

        var first = await provider.GetCredentialAsync();
        int readsAfterFirst = _reads;
        var second = await provider.GetCredentialAsync();

        Assert.Same(first, second);
        Assert.True(_reads > readsAfterFirst);
    }

    [Theory]
    [InlineData(EnvironmentCosCredentialProvider.SecretIdVariableName)]
    [InlineData(EnvironmentCosCredentialProvider.SecretKeyVariableName)]
    [InlineData(EnvironmentCosCredentialProvider.SessionTokenVariableName)]
    public async Task GetCredentialAsync_ValueChanged_ReturnsNewInstanceThenKeepsIt(string changed)
    {
        var provider = CreateProvider();
        var before = await provider.GetCredentialAsync();

        _variables[changed] = "rotated-value-0001";
        var after = await provider.GetCredentialAsync();
        var again = await provider.GetCredentialAsync();

        Assert.NotSame(before, after);
        Assert.Same(after, again);
    }

    [Fact]
    public async Task GetCredentialAsync_VariableRemovedAfterSuccess_Throws()
    {
        var provider = CreateProvider();
        await provider.GetCredentialAsync();

        _variables.Remove(EnvironmentCosCredentialProvider.SecretIdVariableName);

        await Assert.ThrowsAsync<CosCredentialUnavailableException>(async () => await provider.GetCredentialAsync());
    }

    [Fact]
    public async Task GetCredentialAsync_CanceledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await CreateProvider().GetCredentialAsync(cts.Token));
    }

    [Fact]
    public void IsConfigured_RequiredVariablesSetOrMissing_ReportsAvailability()
    {
        Func<string, string?> reader = name => _variables.TryGetValue(name, out var value) ? value : null;
        Assert.True(EnvironmentCosCredentialProvider.IsConfigured(reader));

        _variables.Remove(EnvironmentCosCredentialProvider.SessionTokenVariableName);
        Assert.True(EnvironmentCosCredentialProvider.IsConfigured(reader));

        _variables.Remove(EnvironmentCosCredentialProvider.SecretKeyVariableName);
        Assert.False(EnvironmentCosCredentialProvider.IsConfigured(reader));
    }

    [Fact]
    public void Constructor_NullReader_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new EnvironmentCosCredentialProvider(null!));
    }
}
