using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Sagewright.Build;

/// <summary>Reads the files Sagewright's generator embedded as
/// <c>[assembly: AssemblyMetadata("Sagewright:&lt;path&gt;", "&lt;content&gt;")]</c>, straight from metadata.</summary>
public static class ArtifactReader
{
    public const string Prefix = "Sagewright:";

    /// <summary>Marks a pipeline the generator left out because of (suppressed) errors; the value lists their IDs.</summary>
    public const string InvalidPrefix = "Sagewright.Invalid:";

    /// <summary>Marks a pipeline Sagewright failed to compile (an internal error, SGW012); the value is the failure.</summary>
    public const string FailedPrefix = "Sagewright.Failed:";

    /// <summary>Written by every generator run that completed; without it the generator threw (CS8785).</summary>
    public const string RanKey = "Sagewright.Generator";

    /// <summary>Everything the generator embedded, read in one pass.</summary>
    public static ArtifactManifest ReadManifest(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        var all = ReadEntries(stream, string.Empty);
        return new ArtifactManifest(Select(all, Prefix), Select(all, InvalidPrefix), Select(all, FailedPrefix), all.ContainsKey(RanKey));
    }

    private static SortedDictionary<string, string> Select(SortedDictionary<string, string> all, string prefix)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in all)
        {
            if (entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result[entry.Key.Substring(prefix.Length)] = entry.Value;
            }
        }

        return result;
    }

    /// <summary>The pipelines left out because of errors, by name, with the diagnostic IDs.</summary>
    public static SortedDictionary<string, string> ReadInvalid(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        return ReadEntries(stream, InvalidPrefix);
    }

    public static SortedDictionary<string, string> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        return Read(stream);
    }

    /// <summary>Reads from a PE image in a stream (left open).</summary>
    public static SortedDictionary<string, string> Read(Stream stream) => ReadEntries(stream, Prefix);

    private static SortedDictionary<string, string> ReadEntries(Stream stream, string prefix)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
        if (!pe.HasMetadata)
        {
            return result;
        }

        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (!IsAssemblyMetadata(reader, attribute))
            {
                continue;
            }

            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.Length < 2 || blob.ReadUInt16() != 1)
            {
                continue; // not a custom attribute blob with the standard prolog
            }

            var key = blob.ReadSerializedString();
            var value = blob.ReadSerializedString();
            if (key is not null && value is not null && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result[key.Substring(prefix.Length)] = value;
            }
        }

        return result;
    }

    private static bool IsAssemblyMetadata(MetadataReader reader, CustomAttribute attribute)
    {
        StringHandle name;
        StringHandle ns;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (member.Parent.Kind != HandleKind.TypeReference)
                {
                    return false;
                }

                var typeRef = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                name = typeRef.Name;
                ns = typeRef.Namespace;
                break;
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor);
                var typeDef = reader.GetTypeDefinition(method.GetDeclaringType());
                name = typeDef.Name;
                ns = typeDef.Namespace;
                break;
            default:
                return false;
        }

        return reader.StringComparer.Equals(name, "AssemblyMetadataAttribute")
            && reader.StringComparer.Equals(ns, "System.Reflection");
    }
}

/// <summary>What the generator embedded in an assembly.</summary>
/// <remarks><c>Files</c>: the files to write, by path relative to the output folder; <c>Invalid</c>: pipelines left out
/// because of (suppressed) errors, with their IDs; <c>Failed</c>: pipelines Sagewright failed to compile (SGW012), with
/// the failure; <c>GeneratorRan</c>: false when the generator did not run to completion (it threw: CS8785).</remarks>
public sealed class ArtifactManifest
{
    public ArtifactManifest(SortedDictionary<string, string> files, SortedDictionary<string, string> invalid, SortedDictionary<string, string> failed, bool generatorRan)
    {
        Files = files;
        Invalid = invalid;
        Failed = failed;
        GeneratorRan = generatorRan;
    }

    public SortedDictionary<string, string> Files { get; }

    public SortedDictionary<string, string> Invalid { get; }

    public SortedDictionary<string, string> Failed { get; }

    public bool GeneratorRan { get; }
}
