using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Deploy;

/// <summary><c>artifacts.json</c>: the local files a pipeline reads from its code prefix, checked against the
/// definition it is written beside and against the scripts on disk.</summary>
public class ArtifactManifestTests
{
    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void The_manifest_lists_exactly_the_code_objects_the_definition_reads_with_the_hashes_and_sizes_of_the_scripts(string sample)
    {
        var generated = Samples.Generate(sample).Manifest();
        var files = generated.Files;
        foreach (var pipeline in Samples.Definitions(sample).Keys)
        {
            Assert.True(files.TryGetValue(pipeline + "/artifacts.json", out var text), $"{sample}: no {pipeline}/artifacts.json; files: {string.Join(", ", files.Keys)}");
            var manifest = JsonNode.Parse(text!)!;
            var bucket = (string)manifest["bucket"]!;
            Assert.Equal(pipeline, (string)manifest["pipeline"]!);

            var read = CodeObjects(JsonNode.Parse(files[pipeline + "/pipeline.json"])!, pipeline);
            var entries = manifest["files"]!.AsArray().Select(e => e!).ToList();
            var listed = entries.Select(e => (string)e["s3Uri"]!).ToList();
            Assert.Equal(read.OrderBy(u => u, StringComparer.Ordinal), listed.OrderBy(u => u, StringComparer.Ordinal));
            Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());

            foreach (var entry in entries)
            {
                var path = (string)entry["path"]!;
                var bytes = File.ReadAllBytes(Paths.Samples([sample, .. path.Split('/')]));
                var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
                var upload = (string)entry["upload"]!;
                if (upload == "sourcedir.tar.gz")
                {
                    // What is uploaded is the archive the build writes beside the manifest: its hash and size, and it holds
                    // exactly the script.
                    var archivePath = (string)entry["archive"]!;
                    Assert.Equal($"code/{sha256}/sourcedir.tar.gz", archivePath);
                    Assert.True(generated.Binaries.TryGetValue(pipeline + "/" + archivePath, out var base64), $"{sample}: the build writes no {archivePath}");
                    var archive = Convert.FromBase64String(base64!);
                    Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive)), (string)entry["sha256"]!);
                    Assert.Equal(archive.Length, (long)entry["size"]!);
                    var (name, content) = Assert.Single(SourceArchiveTests.Entries(archive));
                    Assert.Equal(Path.GetFileName(path), name);
                    Assert.Equal(bytes, content);
                }
                else
                {
                    Assert.Equal(sha256, (string)entry["sha256"]!);
                    Assert.Equal(bytes.Length, (long)entry["size"]!);
                    Assert.Null(entry["archive"]);
                }

                var objectName = upload switch
                {
                    "file" => Path.GetFileName(path),
                    "sourcedir.tar.gz" => "sourcedir.tar.gz",
                    _ => throw new Xunit.Sdk.XunitException($"{sample}/{pipeline}: unknown upload '{upload}' for {path}"),
                };
                // Content-addressed: the key is the script's SHA-256, under the pipeline's code prefix.
                Assert.Equal($"s3://{bucket}/{pipeline}/code/{sha256}/{objectName}", (string)entry["s3Uri"]!);
            }

            var order = entries.Select(e => ((string)e["path"]!, (string)e["s3Uri"]!)).ToList();
            Assert.Equal(order.OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal), order);
        }
    }

    [Fact]
    public void FraudDetection_uploads_two_processing_scripts_and_a_training_archive()
    {
        var text = Samples.Generate("FraudDetection").Files()["FraudDetection/artifacts.json"];
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.StartsWith("{\n  \"pipeline\": \"FraudDetection\",\n  \"bucket\": \"my-bucket\",\n  \"files\": [\n    {\n      \"path\": ", text, StringComparison.Ordinal);
        var entries = JsonNode.Parse(text)!["files"]!.AsArray();
        Assert.Equal(
            ["scripts/evaluate.py file", "scripts/preprocess.py file", "scripts/train.py sourcedir.tar.gz"],
            entries.Select(e => (string)e!["path"]! + " " + (string)e!["upload"]!));
        Assert.Equal(["path", "s3Uri", "sha256", "size", "upload"], entries[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["path", "s3Uri", "sha256", "size", "upload", "archive"], entries[2]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_script_two_steps_run_is_listed_once_and_its_size_counts_utf8_bytes()
    {
        const string Script = "print('héllo €')\n";
        var options = new ProjectOptions { CodeFiles = ImmutableDictionary<string, string>.Empty.Add("scripts/prep.py", Script).Add("scripts/train.py", "print('train')\n") };
        var files = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.xlarge")]
            [Code("scripts/prep.py")]
            public sealed class PrepA;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.xlarge")]
            [Code("./scripts/prep.py")]
            public sealed class PrepB;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Code("scripts/train.py")]
            [Channel("train", nameof(Demo.InputData))]
            [Network(EnableNetworkIsolation = true)]
            public sealed class Train;
            """, options).Files();
        var entries = JsonNode.Parse(files["Demo/artifacts.json"])!["files"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal("scripts/prep.py", (string)entries[0]!["path"]!);
        Assert.Equal(Encoding.UTF8.GetByteCount(Script), (long)entries[0]!["size"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Script))), (string)entries[0]!["sha256"]!);
        // A network-isolated training step reads the archive as its code channel: still one object to upload.
        Assert.Equal("sourcedir.tar.gz", (string)entries[1]!["upload"]!);
        Assert.Equal(CodeObjects(JsonNode.Parse(files["Demo/pipeline.json"])!, "Demo").Order(StringComparer.Ordinal),
            entries.Select(e => (string)e!["s3Uri"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_pipeline_without_code_gets_an_empty_manifest()
    {
        var files = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.xlarge")]
            public sealed class Prep;
            """).Files();
        Assert.Equal("{\n  \"pipeline\": \"Demo\",\n  \"bucket\": \"sagemaker-us-east-1-123456789012\",\n  \"files\": []\n}\n", files["Demo/artifacts.json"]);
    }

    /// <summary>Every S3 URI under <c>s3://&lt;bucket&gt;/&lt;pipeline&gt;/code/</c> anywhere in the definition, including
    /// the JSON-encoded strings of training hyperparameters.</summary>
    internal static HashSet<string> CodeObjects(JsonNode definition, string pipeline)
    {
        var prefix = new Regex("^s3://[^/]+/" + Regex.Escape(pipeline) + "/code/", RegexOptions.CultureInvariant);
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, value) in obj)
                    {
                        Walk(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    if (text.StartsWith('"') && text.EndsWith('"') && text.Length > 1)
                    {
                        text = JsonSerializer.Deserialize<string>(text)!;
                    }

                    if (prefix.IsMatch(text))
                    {
                        found.Add(text);
                    }

                    break;
            }
        }

        Walk(definition);
        return found;
    }
}
