using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Formats.Tar;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sagewright.Cli.Aws;

namespace Sagewright.Cli.Deploy;

/// <summary>One entry of <c>artifacts.json</c>.</summary>
/// <param name="Path">The file, relative to the project.</param>
/// <param name="S3Uri">Where it goes.</param>
/// <param name="Bucket">The URI's bucket.</param>
/// <param name="Key">The URI's key.</param>
/// <param name="Sha256">The SHA-256 of what is uploaded.</param>
/// <param name="Upload"><c>file</c> or <c>sourcedir.tar.gz</c>.</param>
/// <param name="Archive">For a <c>sourcedir.tar.gz</c>: where the build wrote it, relative to the pipeline folder (absent
/// in the manifests of earlier versions).</param>
public sealed record ArtifactFile(string Path, string S3Uri, string Bucket, string Key, string Sha256, string Upload, string? Archive = null);

public sealed record RoleFile(string Name, string Arn, string RolePath, string PolicyFile, string TrustFile, IReadOnlyList<string> ManagedPolicies, byte[] Policy, byte[] Trust);

/// <summary>A built pipeline folder (<c>bin/.../sagemaker/&lt;Pipeline&gt;/</c>), read once: the pipeline request,
/// its definition, the artifact manifest and the roles.</summary>
public sealed class PipelineFolder
{
    private PipelineFolder(string folder, string? projectDirectory, JsonObject create, string definition, IReadOnlyList<ArtifactFile> artifacts, IReadOnlyList<RoleFile> roles, string? account, string? region)
    {
        Account = account;
        Region = region;
        Folder = folder;
        ProjectDirectory = projectDirectory;
        Create = create;
        Definition = definition;
        Artifacts = artifacts;
        Roles = roles;
    }

    public string Folder { get; }

    /// <summary>The account and region the build targets (iam/roles.json), when it says.</summary>
    public string? Account { get; }

    public string? Region { get; }

    public string? ProjectDirectory { get; }

    /// <summary>create-pipeline.json: PipelineName, PipelineDisplayName, PipelineDescription, RoleArn, Tags.</summary>
    public JsonObject Create { get; }

    public string Definition { get; }

    public IReadOnlyList<ArtifactFile> Artifacts { get; }

    public IReadOnlyList<RoleFile> Roles { get; }

    public string PipelineName => (string)Create["PipelineName"]!;

    public string? DisplayName => (string?)Create["PipelineDisplayName"];

    public string? Description => (string?)Create["PipelineDescription"];

    public string RoleArn => (string)Create["RoleArn"]!;

    public IReadOnlyList<Tag> Tags => (Create["Tags"] as JsonArray ?? []).Select(t => new Tag((string)t!["Key"]!, (string)t["Value"]!)).ToList();

    /// <summary>Reads <paramref name="argument"/>: a built pipeline folder, or a project (a .csproj, or a folder
    /// holding one), which is built first (<c>dotnet build</c>) and whose single pipeline folder is used.</summary>
    public static PipelineFolder Load(string argument, string workingDirectory, TextWriter log)
    {
        var full = Path.GetFullPath(argument, workingDirectory);
        if (Directory.Exists(full) && !File.Exists(Path.Combine(full, "pipeline.json")))
        {
            var projects = Directory.GetFiles(full, "*.csproj");
            if (projects.Length == 1)
            {
                full = projects[0];
            }
            else
            {
                throw new CliException($"{argument}: neither a built pipeline folder (no pipeline.json) nor a project folder (one .csproj); pass bin/<Configuration>/<tfm>/sagemaker/<Pipeline>");
            }
        }

        if (File.Exists(full) && full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            full = Build(full, argument, log);
        }
        else if (!Directory.Exists(full))
        {
            throw new CliException($"{argument}: no such folder (pass a built pipeline folder, bin/<Configuration>/<tfm>/sagemaker/<Pipeline>, or a project)");
        }

        return Read(full, argument);
    }

    private static string Build(string project, string argument, TextWriter log)
    {
        log.Write($"building {argument} (dotnet build)\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "build", project, "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new CliException("cannot start dotnet to build " + argument);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new CliException($"dotnet build {argument} failed (exit code {process.ExitCode}):\n{output.Result}{errors.Result}".TrimEnd());
        }

        var bin = Path.Combine(Path.GetDirectoryName(project)!, "bin");
        var folders = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, "pipeline.json", SearchOption.AllDirectories)
                .Select(Path.GetDirectoryName)
                .Where(d => Path.GetFileName(Path.GetDirectoryName(d!)) == "sagemaker")
                .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d!, "pipeline.json")))
                .ToList()
            : [];
        var names = folders.Select(d => Path.GetFileName(d!)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count != 1)
        {
            throw new CliException(names.Count == 0
                ? $"{argument}: the build wrote no pipeline (no bin/**/sagemaker/<Pipeline>/pipeline.json)"
                : $"{argument}: the build wrote {names.Count} pipelines ({string.Join(", ", names.Order(StringComparer.Ordinal))}); pass one folder, bin/<Configuration>/<tfm>/sagemaker/<Pipeline>");
        }

        return folders[0]!;
    }

    private static PipelineFolder Read(string folder, string argument)
    {
        JsonObject ReadObject(string relative)
        {
            var path = Path.Combine(folder, relative);
            if (!File.Exists(path))
            {
                throw new CliException($"{argument}: no {relative} (is this a folder a Sagewright build wrote, sagemaker/<Pipeline>/?)");
            }

            try
            {
                return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new CliException($"{argument}/{relative}: not a JSON object");
            }
            catch (JsonException ex)
            {
                throw new CliException($"{argument}/{relative}: invalid JSON ({AwsSession.FirstLine(ex.Message)})");
            }
        }

        var create = ReadObject("create-pipeline.json");
        if (create["PipelineName"] is null || create["RoleArn"] is null)
        {
            throw new CliException($"{argument}/create-pipeline.json: no PipelineName or RoleArn");
        }

        var definitionObject = ReadObject("pipeline.json");
        var definition = File.ReadAllText(Path.Combine(folder, "pipeline.json"));
        _ = definitionObject;
        var manifest = ReadObject("artifacts.json");
        var artifacts = new List<ArtifactFile>();
        foreach (var file in manifest["files"] as JsonArray ?? [])
        {
            var uri = (string)file!["s3Uri"]!;
            if (!uri.StartsWith("s3://", StringComparison.Ordinal) || uri.IndexOf('/', 5) < 0)
            {
                throw new CliException($"{argument}/artifacts.json: {uri} is not an s3:// URI");
            }

            var bucket = uri[5..uri.IndexOf('/', 5)];
            artifacts.Add(new ArtifactFile((string)file["path"]!, uri, bucket, uri[(uri.IndexOf('/', 5) + 1)..], (string)file["sha256"]!, (string?)file["upload"] ?? "file", (string?)file["archive"]));
        }

        var rolesDocument = ReadObject(Path.Combine("iam", "roles.json"));
        var roles = new List<RoleFile>();
        foreach (var role in rolesDocument["roles"] as JsonArray ?? [])
        {
            var arn = (string)role!["arn"]!;
            var name = (string)role["name"]!;
            var resource = arn[(arn.IndexOf(":role", StringComparison.Ordinal) + ":role".Length)..];
            var rolePath = resource[..(resource.LastIndexOf('/') + 1)];
            byte[] ReadIam(string file) =>
                File.Exists(Path.Combine(folder, "iam", file)) ? File.ReadAllBytes(Path.Combine(folder, "iam", file)) : throw new CliException($"{argument}/iam/{file}: missing (roles.json names it)");
            var policyFile = (string)role["policy"]!;
            var trustFile = (string)role["trust"]!;
            roles.Add(new RoleFile(name, arn, rolePath.Length == 0 ? "/" : rolePath, policyFile, trustFile,
                (role["managedPolicies"] as JsonArray ?? []).Select(p => (string)p!).ToList(), ReadIam(policyFile), ReadIam(trustFile)));
        }

        return new PipelineFolder(folder, FindProject(folder), create, definition, artifacts, roles, (string?)rolesDocument["account"], (string?)rolesDocument["region"]);
    }

    /// <summary>The project folder the manifest's paths are relative to: the nearest parent holding a .csproj.</summary>
    private static string? FindProject(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").Any())
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The bytes to upload for an artifact: the script, or a gzip-compressed tar holding it (fixed
    /// timestamps and owner, so the same script gives the same archive). The script's SHA-256 must be the
    /// manifest's: a script edited since the build is refused.</summary>
    public byte[] Content(ArtifactFile artifact, string? projectDirectory)
    {
        if (artifact.Archive is { } archive)
        {
            // The build wrote the archive beside artifacts.json; upload exactly those bytes.
            var built = Path.GetFullPath(Path.Combine(Folder, archive.Replace('/', Path.DirectorySeparatorChar)));
            if (!built.StartsWith(Path.GetFullPath(Folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(built))
            {
                throw new CliException($"{Folder}: artifacts.json lists {archive}, which the build did not write: rebuild, then deploy");
            }

            var archiveBytes = File.ReadAllBytes(built);
            var archiveHash = Convert.ToHexStringLower(SHA256.HashData(archiveBytes));
            if (!string.Equals(archiveHash, artifact.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"{archive} does not match artifacts.json (sha256 {archiveHash[..12]}…): rebuild, then deploy");
            }

            return archiveBytes;
        }

        var root = projectDirectory ?? ProjectDirectory
            ?? throw new CliException($"cannot find the project of {Folder} (no .csproj above it) to read {artifact.Path}; pass --project-dir");
        var local = Path.Combine(root, artifact.Path.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(local))
        {
            throw new CliException($"{artifact.Path}: not found in {root} (artifacts.json lists it; pass --project-dir if the project is elsewhere)");
        }

        var bytes = File.ReadAllBytes(local);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(hash, artifact.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{artifact.Path} changed since the build (sha256 {hash[..12]}…, artifacts.json says {artifact.Sha256[..Math.Min(12, artifact.Sha256.Length)]}…): rebuild, then deploy");
        }

        if (artifact.Upload != "sourcedir.tar.gz")
        {
            return bytes;
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, Path.GetFileName(local))
            {
                ModificationTime = DateTimeOffset.UnixEpoch,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                DataStream = new MemoryStream(bytes),
            };
            tar.WriteEntry(entry);
        }

        return output.ToArray();
    }
}
