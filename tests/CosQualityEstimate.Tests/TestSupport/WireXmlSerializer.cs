using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Serialization;

using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// <see cref="XmlSerializer"/> over the library's wire DTOs: the test oracle the hand-written XML code is checked
/// against — the library's request writer and response reader, and the emulator's response writer and request reader.
/// One cached serializer per type (built with the <c>(Type)</c> constructor only, which the runtime caches), the
/// library's hardened reader settings. Test and benchmark code only (linked into those projects; the namespace is kept
/// from when it lived in the emulator): XmlSerializer is not trimming- or Native-AOT-safe, so neither the library nor
/// the emulator compiles it.
/// </summary>
/// <remarks>
/// The library's wire DTOs (<c>CosQualityEstimate.Models.Wire</c>) are internal, and XmlSerializer handles public types
/// only. So the projects that link this file also compile the same DTO source files with <c>WIRE_ORACLE</c> defined,
/// which makes them public mirror types in <see cref="OracleNamespace"/> — same members, same <c>[Xml*]</c> attributes.
/// The API below still takes and returns the library's types: each value is copied member by member to its mirror
/// before XmlSerializer writes it, and back after XmlSerializer reads it (<see cref="OracleMirror"/>). The copy is
/// strict: a member without a same-named, same-shaped counterpart throws, so it can never hide a difference.
/// </remarks>
internal static class WireXmlSerializer
{
    private const int MaxBodyBytes = CosXml.MaxBodyBytes;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static readonly XmlSerializerNamespaces NoNamespaces = CreateNoNamespaces();

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBodyBytes,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = Utf8NoBom,
        Indent = false,
        CloseOutput = false,
    };

    /// <summary>Serializes <paramref name="value"/> as UTF-8 without BOM, XML declaration or xsi/xsd namespaces.</summary>
    internal static byte[] Serialize<T>(T value)
        where T : class
    {
        using var stream = new MemoryStream(512);
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            SerializerCache<T>.Instance.Serialize(writer, OracleMirror.ToOracle(value), NoNamespaces);
        }

        return stream.ToArray();
    }

    /// <summary>Deserializes <typeparamref name="T"/> through the hardened reader. Throws <see cref="InvalidOperationException"/> or <see cref="XmlException"/> on malformed input.</summary>
    internal static T Deserialize<T>(ReadOnlySpan<byte> body)
        where T : class
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        return Deserialize<T>(stream);
    }

    /// <summary>Deserializes <typeparamref name="T"/> from a string through the hardened reader.</summary>
    internal static T Deserialize<T>(string body)
        where T : class
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} characters, over the {MaxBodyBytes}-character limit.");
        }

        using var text = new StringReader(body);
        using var reader = XmlReader.Create(text, ReaderSettings);
        return OracleMirror.FromOracle<T>(SerializerCache<T>.Instance.Deserialize(reader)
            ?? throw new XmlException("The XML body is empty."));
    }

    /// <summary>
    /// Deserializes <typeparamref name="T"/> from a complete document: like <see cref="Deserialize{T}(string)"/>, then reads
    /// the rest of the input so trailing content (a second root, a stray tag) is rejected instead of silently ignored.
    /// </summary>
    /// <param name="body">The document.</param>
    /// <param name="maxDepth">When positive, the deepest element nesting accepted (the root is depth 1). Checked in a
    /// cheap first pass: binding a deeply nested element to an <see cref="System.Xml.Linq.XElement"/> member costs
    /// tens of microseconds per level, so an unbounded depth lets a small hostile body burn seconds of CPU.</param>
    internal static T DeserializeDocument<T>(string body, int maxDepth = 0)
        where T : class
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} characters, over the {MaxBodyBytes}-character limit.");
        }

        if (maxDepth > 0)
        {
            CheckDepth(body, maxDepth);
        }

        using var text = new StringReader(body);
        using var reader = XmlReader.Create(text, ReaderSettings);
        var value = OracleMirror.FromOracle<T>(SerializerCache<T>.Instance.Deserialize(reader)
            ?? throw new XmlException("The XML body is empty."));
        while (reader.Read())
        {
            // Drain: the reader throws XmlException on anything after the root that is not whitespace.
        }

        return value;
    }

    private static void CheckDepth(string body, int maxDepth)
    {
        using var text = new StringReader(body);
        using var reader = XmlReader.Create(text, ReaderSettings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= maxDepth)
            {
                throw new XmlException($"The XML body nests elements deeper than {maxDepth} levels.");
            }
        }
    }

    private static T Deserialize<T>(Stream stream)
        where T : class
    {
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return OracleMirror.FromOracle<T>(SerializerCache<T>.Instance.Deserialize(reader)
            ?? throw new XmlException("The XML body is empty."));
    }

    private static XmlSerializerNamespaces CreateNoNamespaces()
    {
        var namespaces = new XmlSerializerNamespaces();
        namespaces.Add(string.Empty, string.Empty);
        return namespaces;
    }

    /// <summary>The namespace of the public mirror types (the wire DTO sources compiled with <c>WIRE_ORACLE</c>).</summary>
    internal const string OracleNamespace = "CosQualityEstimate.Tests.Oracle.Wire";

    private const string WireNamespace = "CosQualityEstimate.Models.Wire";

    private static class SerializerCache<T>
    {
        internal static readonly XmlSerializer Instance = new(OracleMirror.MirrorOf(typeof(T)));
    }

    /// <summary>Strict member-by-member copies between the library's internal wire DTOs and their public mirrors.</summary>
    internal static class OracleMirror
    {
        // Compiled once per type (pair), so the copy stays small next to XmlSerializer's own work in the benchmarks.
        private static readonly ConcurrentDictionary<(Type From, Type To), (Func<object, object?> Get, Action<object, object?> Set, Type To)[]> Maps = new();
        private static readonly ConcurrentDictionary<Type, Func<object>> Factories = new();
        private static readonly ConcurrentDictionary<(Type Type, bool ToOracle), Type> Counterparts = new();

        /// <summary>The mirror of a library wire type (a non-wire type maps to itself).</summary>
        internal static Type MirrorOf(Type type) => Counterparts.GetOrAdd((type, true), static key => Counterpart(key.Type, WireNamespace, OracleNamespace));

        /// <summary>The library wire type a mirror type stands for (a non-mirror type maps to itself).</summary>
        internal static Type WireOf(Type type) => Counterparts.GetOrAdd((type, false), static key => Counterpart(key.Type, OracleNamespace, WireNamespace));

        /// <summary>Copies a library wire value to its mirror.</summary>
        internal static object ToOracle(object value) => Copy(value, MirrorOf(value.GetType()))!;

        /// <summary>Copies a mirror value back to the library wire type <typeparamref name="T"/>.</summary>
        internal static T FromOracle<T>(object value) => (T)Copy(value, typeof(T))!;

        private static Type Counterpart(Type type, string fromNamespace, string toNamespace)
        {
            if (type.Namespace != fromNamespace)
            {
                return type;
            }

            var assembly = toNamespace == OracleNamespace ? typeof(WireXmlSerializer).Assembly : typeof(CosXml).Assembly;
            var counterpart = assembly.GetType(toNamespace + "." + type.Name, throwOnError: false)
                ?? throw new InvalidOperationException($"No {toNamespace}.{type.Name} for {type.FullName}: compile the wire DTO sources with WIRE_ORACLE into this project.");
            return counterpart;
        }

        private static object? Copy(object? value, Type target)
        {
            if (value is null)
            {
                return null;
            }

            var source = value.GetType();
            if (value is string || source.IsValueType)
            {
                return source == target ? value : throw Mismatch(source, target);
            }

            if (value is XElement element)
            {
                return target == typeof(XElement) ? new XElement(element) : throw Mismatch(source, target);
            }

            if (source.IsGenericType && source.GetGenericTypeDefinition() == typeof(List<>))
            {
                if (!target.IsGenericType || target.GetGenericTypeDefinition() != typeof(List<>))
                {
                    throw Mismatch(source, target);
                }

                var itemType = target.GetGenericArguments()[0];
                var list = (IList)New(target);
                foreach (var item in (IEnumerable)value)
                {
                    list.Add(Copy(item, itemType));
                }

                return list;
            }

            if (source == target && source.Namespace == OracleNamespace)
            {
                return value; // already a mirror (a benchmark can build one up front): XmlSerializer uses it as it is
            }

            if (target != MirrorOf(source) && target != WireOf(source))
            {
                throw Mismatch(source, target);
            }

            var copy = New(target);
            foreach (var (get, set, to) in Maps.GetOrAdd((source, target), static key => Map(key.From, key.To)))
            {
                set(copy, Copy(get(value), to));
            }

            return copy;
        }

        private static object New(Type type) =>
            Factories.GetOrAdd(type, static t => Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(t), typeof(object))).Compile())();

        private static (Func<object, object?> Get, Action<object, object?> Set, Type To)[] Map(Type source, Type target)
        {
            var sourceProperties = source.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            var targetProperties = target.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            if (sourceProperties.Length != targetProperties.Length)
            {
                throw Mismatch(source, target);
            }

            return sourceProperties
                .Select(from => (From: from, To: target.GetProperty(from.Name, BindingFlags.Public | BindingFlags.Instance) ?? throw Mismatch(source, target)))
                .Select(pair => (Getter(pair.From), Setter(pair.To), pair.To.PropertyType))
                .ToArray();
        }

        private static Func<object, object?> Getter(PropertyInfo property)
        {
            var instance = Expression.Parameter(typeof(object));
            var body = Expression.Convert(Expression.Property(Expression.Convert(instance, property.DeclaringType!), property), typeof(object));
            return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
        }

        private static Action<object, object?> Setter(PropertyInfo property)
        {
            var instance = Expression.Parameter(typeof(object));
            var value = Expression.Parameter(typeof(object));
            var body = Expression.Assign(
                Expression.Property(Expression.Convert(instance, property.DeclaringType!), property),
                Expression.Convert(value, property.PropertyType));
            return Expression.Lambda<Action<object, object?>>(body, instance, value).Compile();
        }

        private static InvalidOperationException Mismatch(Type source, Type target) =>
            new($"The wire oracle cannot copy {source.FullName} to {target.FullName}: the mirror types must be the same source compiled with WIRE_ORACLE.");
    }
}
