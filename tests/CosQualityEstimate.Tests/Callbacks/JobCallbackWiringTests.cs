using System.Reflection;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Tests.Callbacks;

/// <summary>
/// <see cref="JobCallback.Parse(string, string?)"/> reaches its parser directly (issue 13), not through a mutable static
/// hook that a module initializer fills: nothing can swap the parser, and nothing depends on load order.
/// </summary>
public sealed class JobCallbackWiringTests
{
    private const BindingFlags AllStatic = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    [Fact]
    public void Library_HasNoModuleInitializer()
    {
        var initializers = typeof(JobCallback).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(AllStatic))
            .Where(m => m.IsDefined(typeof(ModuleInitializerAttribute), inherit: false))
            .Select(m => m.DeclaringType!.FullName + "." + m.Name);

        Assert.Empty(initializers);
    }

    [Fact]
    public void JobCallback_HasNoMutableStaticState()
    {
        var fields = typeof(JobCallback).GetFields(AllStatic).Where(f => !f.IsInitOnly && !f.IsLiteral).Select(f => f.Name);
        var properties = typeof(JobCallback).GetProperties(AllStatic).Where(p => p.SetMethod is not null).Select(p => p.Name);

        Assert.Empty(fields.Concat(properties));
    }

    [Fact]
    public void Parse_BothOverloads_ReadTheSameCallback()
    {
        const string body = "<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId></JobsDetail></Response>";

        var text = JobCallback.Parse(body);
        var bytes = JobCallback.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal("j1", Assert.Single(text.Jobs).JobId);
        Assert.Equal("j1", Assert.Single(bytes.Jobs).JobId);
        Assert.True(JobCallback.TryParse(body, null, out var tried));
        Assert.Equal("TaskFinish", tried.EventName);
    }
}
