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
    /// the project, the URI, the SHA-256 and the UTF-8 length in bytes of the file, and how it is uploaded.</summary>
    public JsonObject Build(string pipeline, string bucket)
    {
        var files = new JsonArray();
        foreach (var entry in _objects
            .OrderBy(o => o.Value.File.RelativePath, StringComparer.Ordinal)
            .ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            files.Add(new JsonObject()
                .Add("path", entry.Value.File.RelativePath)
                .Add("s3Uri", entry.Key)
                .Add("sha256", entry.Value.File.Sha256)
                .Add("size", entry.Value.File.Size)
                .Add("upload", entry.Value.Upload));
        }

        return new JsonObject()
            .Add("pipeline", pipeline)
            .Add("bucket", bucket)
            .Add("files", files);
    }
}
