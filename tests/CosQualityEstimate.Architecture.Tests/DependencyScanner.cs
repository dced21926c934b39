using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CosQualityEstimate.Architecture.Tests;

/// <summary>
/// Reads an assembly's metadata and IL (System.Reflection.Metadata, no reflection loading) and reports, for every type
/// defined in it, the namespaces of the other types of the same assembly it uses: in base types, interfaces, field,
/// property and method signatures, custom attributes, and every type, field or method token in method bodies. Nested
/// and compiler-generated types (lambdas, async state machines) count for their outermost declaring type, and so do
/// the used types (an edge names the outermost used type).
/// </summary>
internal static class DependencyScanner
{
    /// <summary>Edges (from namespace, to namespace, from type, used type) over the types of <paramref name="assemblyPath"/>.</summary>
    internal static IReadOnlyList<Edge> Scan(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var edges = new HashSet<Edge>();
        var provider = new Collector(md);
        var context = new GenericContext();

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var (ns, name) = Outermost(md, handle);
            var used = new HashSet<TypeDefinitionHandle>();
            provider.Target = used;

            Add(md, type.BaseType, used, provider, context);
            foreach (var i in type.GetInterfaceImplementations())
            {
                Add(md, md.GetInterfaceImplementation(i).Interface, used, provider, context);
            }

            foreach (var f in type.GetFields())
            {
                md.GetFieldDefinition(f).DecodeSignature(provider, context);
            }

            foreach (var p in type.GetProperties())
            {
                md.GetPropertyDefinition(p).DecodeSignature(provider, context);
            }

            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                method.DecodeSignature(provider, context);
                foreach (var a in method.GetCustomAttributes())
                {
                    AddAttribute(md, a, used);
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, context);
                    }

                    ScanIl(md, body.GetILReader(), used, provider, context);
                }
            }

            foreach (var a in type.GetCustomAttributes())
            {
                AddAttribute(md, a, used);
            }

            foreach (var target in used)
            {
                var (targetNs, targetName) = Outermost(md, target);
                if (targetNs != ns)
                {
                    edges.Add(new Edge(ns, targetNs, ns + "." + name, targetNs + "." + targetName));
                }
            }
        }

        return edges.ToList();
    }

    /// <summary>A type of namespace <see cref="From"/> uses a type of namespace <see cref="To"/>.</summary>
    internal sealed record Edge(string From, string To, string Type, string UsedType);

    private static (string Namespace, string Name) Outermost(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            handle = type.GetDeclaringType();
            type = md.GetTypeDefinition(handle);
        }

        return (md.GetString(type.Namespace), md.GetString(type.Name));
    }

    private static void AddAttribute(MetadataReader md, CustomAttributeHandle handle, HashSet<TypeDefinitionHandle> used)
    {
        var ctor = md.GetCustomAttribute(handle).Constructor;
        if (ctor.Kind == HandleKind.MethodDefinition)
        {
            used.Add(md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType());
        }
    }

    private static void Add(MetadataReader md, EntityHandle handle, HashSet<TypeDefinitionHandle> used, Collector provider, GenericContext context)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                used.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, context);
                break;
            case HandleKind.FieldDefinition:
                used.Add(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MethodDefinition:
                used.Add(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                Add(md, md.GetMemberReference((MemberReferenceHandle)handle).Parent, used, provider, context);
                break;
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                Add(md, spec.Method, used, provider, context);
                spec.DecodeSignature(provider, context);
                break;
        }
    }

    private static void ScanIl(MetadataReader md, BlobReader il, HashSet<TypeDefinitionHandle> used, Collector provider, GenericContext context)
    {
        while (il.RemainingBytes > 0)
        {
            int value = il.ReadByte();
            var opcode = value == 0xFE ? (ILOpCode)(0xFE00 | il.ReadByte()) : (ILOpCode)value;
            switch (OperandSize(opcode))
            {
                case -1: // switch
                    var count = il.ReadInt32();
                    il.Offset += 4 * count;
                    break;
                case -4: // metadata token
                    var token = il.ReadInt32();
                    if (opcode != ILOpCode.Ldstr)
                    {
                        var handle = MetadataTokens.EntityHandle(token);
                        if (handle.Kind != HandleKind.StandaloneSignature)
                        {
                            Add(md, handle, used, provider, context);
                        }
                    }

                    break;
                case var size:
                    il.Offset += size;
                    break;
            }
        }
    }

    /// <summary>Operand size in bytes; -4 for a metadata token, -1 for the switch table.</summary>
    private static int OperandSize(ILOpCode opcode) => opcode switch
    {
        ILOpCode.Switch => -1,
        ILOpCode.Ldstr or ILOpCode.Ldtoken or ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj or ILOpCode.Ldfld
            or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld or ILOpCode.Ldftn
            or ILOpCode.Ldvirtftn or ILOpCode.Jmp or ILOpCode.Box or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Castclass
            or ILOpCode.Isinst or ILOpCode.Newarr or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Ldobj
            or ILOpCode.Stobj or ILOpCode.Cpobj or ILOpCode.Initobj or ILOpCode.Sizeof or ILOpCode.Mkrefany or ILOpCode.Refanyval
            or ILOpCode.Constrained or ILOpCode.Calli => -4,
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
        ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 or ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge
            or ILOpCode.Bgt or ILOpCode.Ble or ILOpCode.Blt or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un
            or ILOpCode.Ble_un or ILOpCode.Blt_un or ILOpCode.Leave => 4,
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
        ILOpCode.Ldarg_s or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
            or ILOpCode.Ldc_i4_s or ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s
            or ILOpCode.Bgt_s or ILOpCode.Ble_s or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s or ILOpCode.Bgt_un_s
            or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s or ILOpCode.Leave_s or ILOpCode.Unaligned => 1,
        _ => 0,
    };

    private readonly struct GenericContext;

    /// <summary>Signature decoder that records every type definition of the scanned assembly it meets.</summary>
    private sealed class Collector(MetadataReader md) : ISignatureTypeProvider<int, GenericContext>
    {
        public HashSet<TypeDefinitionHandle> Target { get; set; } = new();

        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Target.Add(handle);
            return 0;
        }

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;

        public int GetTypeFromSpecification(MetadataReader reader, GenericContext genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public int GetArrayType(int elementType, ArrayShape shape) => 0;

        public int GetByReferenceType(int elementType) => 0;

        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

        public int GetGenericMethodParameter(GenericContext genericContext, int index) => 0;

        public int GetGenericTypeParameter(GenericContext genericContext, int index) => 0;

        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;

        public int GetPinnedType(int elementType) => 0;

        public int GetPointerType(int elementType) => 0;

        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

        public int GetSZArrayType(int elementType) => 0;
    }
}
