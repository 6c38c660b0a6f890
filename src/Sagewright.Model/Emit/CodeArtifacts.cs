namespace Sagewright.Model.Emit;

/// <summary>The local files the definition reads from the code prefix (<c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/code/</c>),
/// recorded by the step emitters as they write the URIs, and rendered as <c>artifacts.json</c>: what must be uploaded
/// before an execution reaches the steps.</summary>
internal sealed class CodeArtifacts
{
    /// <summary>The object is the file itself.</summary>
    public const string UploadFile = "file";

    /// <summary>The object is a gzip-compressed tar archive that holds the file at its top level (training script mode).</summary>
    public const string UploadSourceDirectory = "sourcedir.tar.gz";

    private readonly Dictionary<string, (CodeFile File, string Upload)> _objects = new(StringComparer.Ordinal);

    /// <summary>Records that the definition reads <paramref name="s3Uri"/>, made from <paramref name="file"/>.</summary>
    public void Add(CodeFile file, string s3Uri, string upload) => _objects[s3Uri] = (file, upload);

    /// <summary>The manifest: the objects ordered by the file's path, then by URI (ordinal), with the path relative to
    /// the project, the URI, the SHA-256 and length in bytes of what is uploaded (the file's UTF-8 text, or the archive
    /// the build wrote), how it is uploaded, and for an archive where the build wrote it (relative to the folder of
    /// <c>artifacts.json</c>).</summary>
    public JsonObject Build(string pipeline, string bucket)
    {
        var files = new JsonArray();
        foreach (var entry in _objects
            .OrderBy(o => o.Value.File.RelativePath, StringComparer.Ordinal)
            .ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            var (file, upload) = entry.Value;
            var archive = upload == UploadSourceDirectory ? file.Archive : null;
            files.Add(new JsonObject()
                .Add("path", file.RelativePath)
                .Add("s3Uri", entry.Key)
                .Add("sha256", archive?.Sha256 ?? file.Sha256)
                .Add("size", archive?.Size ?? file.Size)
                .Add("upload", upload)
                .AddIf("archive", archive is null ? null : (JsonValue)ArchivePath(file)));
        }

        return new JsonObject()
            .Add("pipeline", pipeline)
            .Add("bucket", bucket)
            .Add("files", files);
    }

    /// <summary>The <c>sourcedir.tar.gz</c> archives the build writes beside <c>artifacts.json</c>, one per training
    /// script, at <c>code/&lt;script sha256&gt;/sourcedir.tar.gz</c> (the S3 key's tail).</summary>
    public IEnumerable<OutputFile> Archives(string pipeline) => _objects.Values
        .Where(o => o.Upload == UploadSourceDirectory && o.File.Archive is not null)
        .Select(o => o.File)
        .Distinct()
        .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
        .Select(f => new OutputFile(pipeline + "/" + ArchivePath(f), f.Archive!.Base64) { Binary = true });

    private static string ArchivePath(CodeFile file) => "code/" + file.Sha256 + "/" + UploadSourceDirectory;
}
