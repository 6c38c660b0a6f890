using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.Loader;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

/// <summary>Output is byte-identical across runs, cultures and source-file order.</summary>
public class DeterminismTests
{
    private const string FloatPipeline = """
        using Sagewright;

        [Pipeline("Demo")]
        public static partial class Demo
        {
            [Parameter] public const double Threshold = 0.75;
            [Parameter] public const double Whole = 2.0;
            [Parameter] public const int Epochs = 1000000;
            [Parameter] public const bool Fast = true;
            [Parameter] public const string Data = "s3://bucket-a/data/";
        }

        [TrainingStep(typeof(Demo))]
        [Image("111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1.0")]
        [Instance("ml.m5.xlarge")]
        [Channel("train", nameof(Demo.Data))]
        [HyperParameter("threshold", nameof(Demo.Threshold))]
        [HyperParameter("ratio", "1.5")]
        public sealed class Train;
        """;

    public static TheoryData<string> Cultures => new() { "tr-TR", "de-DE", "ar-SA", "" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Output_is_identical_under_every_culture(string culture)
    {
        var invariant = CultureScope.Run(CultureInfo.InvariantCulture, () => (Samples.Definitions("FraudDetection")["FraudDetection"], TestProject.Generate(FloatPipeline).Definition()));
        var other = CultureScope.Run(new CultureInfo(culture), () => (Samples.Definitions("FraudDetection")["FraudDetection"], TestProject.Generate(FloatPipeline).Definition()));
        Assert.Equal(invariant.Item1, other.Item1);
        Assert.Equal(invariant.Item2, other.Item2);
        Assert.Contains("\"DefaultValue\": 0.75", other.Item2, StringComparison.Ordinal);
        Assert.Contains("\"DefaultValue\": 2.0", other.Item2, StringComparison.Ordinal);
        Assert.Contains("\"DefaultValue\": 1000000", other.Item2, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_does_not_depend_on_source_file_order()
    {
        var sources = SplitSample();
        var forward = TestProject.Generate(TestProject.Compilation(sources), Samples.Options("FraudDetection")).Files();
        var backward = TestProject.Generate(TestProject.Compilation(sources.Reverse().ToArray()), Samples.Options("FraudDetection")).Files();
        Assert.Equal(forward, backward);
        Assert.Equal(Samples.Definitions("FraudDetection")["FraudDetection"], forward["FraudDetection/pipeline.json"]);
    }

    [Fact]
    public void Two_runs_give_identical_bytes_with_unix_line_ends_and_a_final_newline()
    {
        var first = Samples.Generate("FraudDetection").Files();
        var second = Samples.Generate("FraudDetection").Files();
        Assert.Equal(first, second);
        Assert.Contains("FraudDetection/iam/report.md", first.Keys);
        foreach (var (path, content) in first)
        {
            Assert.DoesNotContain('\r', content);
            Assert.EndsWith(path.EndsWith(".md", StringComparison.Ordinal) ? "\n" : "}\n", content, StringComparison.Ordinal);
            Assert.False(content.EndsWith("\n\n", StringComparison.Ordinal), path + " ends with a blank line");
        }
    }

    [Fact]
    public void Generated_constant_equals_the_written_file_when_the_project_opts_in()
    {
        var options = Samples.Options("FraudDetection") with { GlobalConfig = ImmutableDictionary<string, string>.Empty.Add("build_property.SagewrightEmbedDefinition", "true") };
        var output = TestProject.Generate(TestProject.Compilation(Samples.Sources("FraudDetection")), options);
        using var stream = new MemoryStream();
        Assert.True(output.Compilation.Emit(stream).Success);
        stream.Position = 0;
        var context = new AssemblyLoadContext("sagewright-constant", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(stream).GetType("Contoso.FraudDetection.FraudDetection", throwOnError: true)!;
            Assert.Equal("FraudDetection", type.GetField("PipelineName")!.GetRawConstantValue());
            Assert.Equal(output.Files()["FraudDetection/pipeline.json"], type.GetField("PipelineDefinition")!.GetRawConstantValue());
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The sample with every class in a file of its own.</summary>
    private static (string Path, string Text)[] SplitSample()
    {
        var text = Samples.Sources("FraudDetection").Single().Text;
        var header = "using Sagewright;\n\nnamespace Contoso.FraudDetection;\n\n";
        var body = text[(text.IndexOf("namespace Contoso.FraudDetection;", StringComparison.Ordinal) + "namespace Contoso.FraudDetection;".Length)..];
        var parts = body.Split("\n\n[", StringSplitOptions.RemoveEmptyEntries)
            .Select((p, i) => i == 0 ? p.Trim() : "[" + p.Trim())
            .Where(p => p.Length > 0)
            .ToArray();
        Assert.True(parts.Length >= 7, "expected the sample to hold a pipeline and six steps");
        return parts.Select((p, i) => ($"/src/project/Part{i}.cs", header + p + "\n")).ToArray();
    }
}
