#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// Polyfill of the .NET 9 attribute for the net8.0 build: the C# 13+ compiler recognizes it by name and prefers the
/// overload with the higher priority (used so that <c>JobCallback.Parse(null)</c> binds to the string overload).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="priority">The priority; higher wins.</param>
    public OverloadResolutionPriorityAttribute(int priority) => Priority = priority;

    /// <summary>The priority; higher wins.</summary>
    public int Priority { get; }
}
#endif
