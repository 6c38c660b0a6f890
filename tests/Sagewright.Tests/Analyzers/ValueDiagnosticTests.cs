using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>SGW005 (malformed S3 URI), SGW006 (instance type) and SGW007 (value out of range).</summary>
public class ValueDiagnosticTests
{
    // ---- SGW005 ----------------------------------------------------------------------------------

    public static TheoryData<string, string> BadUris => new()
    {
        { "s3:/my-bucket/data/", "it must start with 's3://'" },
        { "https://my-bucket.s3.amazonaws.com/data/", "it must start with 's3://'" },
        { "S3://my-bucket/data/", "it must start with 's3://'" },
        { "", "it must start with 's3://'" },
        { "s3://My-Bucket/data/", "may contain only lower-case letters" },
        { "s3://ab/data/", "must be 3 to 63 characters long" },
        { "s3://" + new string('b', 64) + "/data/", "must be 3 to 63 characters long" },
        { "s3://my_bucket/data/", "may contain only lower-case letters" },
        { "s3://-bucket/data/", "must start and end with a letter or digit" },
        { "s3://my..bucket/data/", "must not contain '..'" },
        { "s3://192.168.1.1/data/", "look like an IP address" },
        { "s3:///data/", "the bucket name is missing" },
        { "s3://my-bucket/data//train/", "empty path segment" },
        { "s3://my-bucket/my data/", "white space" },
    };

    [Theory]
    [MemberData(nameof(BadUris))]
    public void SGW005_malformed_processing_input(string uri, string reason)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:"{{uri}}"|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        var message = Src.Single(diagnostics, "SGW005");
        Assert.StartsWith("'" + uri + "' is not a valid S3 URI: ", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void SGW005_uri_longer_than_1024_characters()
    {
        var uri = "s3://my-bucket/" + new string('k', 1010);
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:"{{uri}}"|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
    }

    [Theory]
    [InlineData("s3://my-bucket")]
    [InlineData("s3://my-bucket/")]
    [InlineData("s3://my.bucket.name/a/b/c.csv")]
    [InlineData("s3://123-bucket/data/")]
    public void Valid_uris_are_accepted(string uri)
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("{{uri}}", "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW005_output_destination_is_reported_at_the_named_argument()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output", {|SGW005:Destination = "s3:/my-bucket/out/"|})]
                public const string Out = "out";
            }
            """);
    }

    [Fact]
    public void SGW005_channel_source_model_output_and_checkpoint()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel("train", {|SGW005:"s3://Bucket/train/"|})]
            [ModelOutput({|SGW005:"my-bucket/models/"|})]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, {|SGW005:CheckpointS3Uri = "s3://my-bucket//checkpoints/"|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW005_parameter_whose_default_is_not_an_s3_uri_used_as_an_input()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW005:nameof(Demo.Mode)|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("'fast' is not a valid S3 URI: it is the default of parameter 'Mode', used as an input source, and it must start with 's3://'", Src.Single(diagnostics, "SGW005"));
    }

    [Fact]
    public void SGW005_parameter_default_checked_where_it_is_used_as_a_channel_model_output_and_checkpoint()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel("train", {|SGW005:nameof(Demo.Mode)|})]
            [ModelOutput({|SGW005:nameof(Demo.Mode)|})]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200, {|SGW005:CheckpointS3Uri = nameof(Demo.Mode)|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW005_invalid_artifact_bucket()
    {
        Markup.Verify("""
            using Sagewright;

            [Pipeline("Demo", {|SGW005:ArtifactBucket = "My_Bucket"|})]
            public static partial class Demo;
            """);
    }

    [Fact]
    public void SGW005_invalid_artifact_bucket_from_the_project_is_reported_at_the_pipeline_attribute()
    {
        Markup.Verify("""
            using Sagewright;

            [{|SGW005:Pipeline("Demo")|}]
            public static partial class Demo;
            """, new ProjectOptions { ArtifactBucket = "s3://my-bucket" });
    }

    [Fact]
    public void Text_that_is_not_a_location_is_not_checked_as_an_s3_uri()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("TARGET", "s3:/not-checked")]
            [ContainerArguments("--input", "s3:/not-checked")]
            public sealed class Prep;
            """);
    }

    // ---- SGW006 ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("ml.p4d.24xlarge")]
    [InlineData("ml.trn1.32xlarge")]
    public void SGW006_training_only_instance_type_on_a_processing_step(string type)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance({|SGW006:"{{type}}"|})]
            public sealed class Prep;
            """);
        Assert.StartsWith("'" + type + "' is not a processing instance type", Src.Single(diagnostics, "SGW006"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_instance_type_is_valid_for_training()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.p4d.24xlarge")]
            public sealed class Train;
            """);
    }

    [Theory]
    [InlineData("ml.m5.lrge", "ml.m5.large")]
    [InlineData("m5.large", "ml.m5.large")]
    [InlineData("ml.m5.xlarg", "ml.m5.xlarge")]
    public void SGW006_typo_suggests_the_closest_type(string typo, string suggestion)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance({|SGW006:"{{typo}}"|})]
            public sealed class Prep;
            """);
        Assert.Equal("'" + typo + "' is not a processing instance type; did you mean '" + suggestion + "'?", Src.Single(diagnostics, "SGW006"));
    }

    [Fact]
    public void SGW006_on_training_without_a_close_match_has_no_suggestion()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance({|SGW006:"big-gpu-box"|})]
            public sealed class Train;
            """);
        Assert.Equal("'big-gpu-box' is not a training instance type", Src.Single(diagnostics, "SGW006"));
    }

    [Fact]
    public void SGW006_instance_types_are_case_sensitive()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance({|SGW006:"ML.M5.LARGE"|})]
            public sealed class Prep;
            """);
    }

    // ---- SGW007 ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("Count = 0")]
    [InlineData("Count = -1")]
    [InlineData("Count = 101")]
    [InlineData("VolumeSizeInGB = 0")]
    [InlineData("VolumeSizeInGB = 16385")]
    public void SGW007_processing_cluster_out_of_range_is_reported_at_the_named_argument(string argument)
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large", {|SGW007:{{argument}}|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW007_message_names_the_value_and_the_range()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large", {|SGW007:VolumeSizeInGB = 20000|})]
            public sealed class Prep;
            """);
        Assert.Equal("VolumeSizeInGB is 20000; it must be between 1 and 16384", Src.Single(diagnostics, "SGW007"));
    }

    [Fact]
    public void Processing_cluster_limits_are_inclusive()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large", Count = 100, VolumeSizeInGB = 16384)]
            [MaxRuntime(777600)]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW007_training_cluster_has_a_minimum_only()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge", {|SGW007:Count = 0|}, VolumeSizeInGB = 20000)]
            public sealed class Train;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge", Count = 200, {|SGW007:VolumeSizeInGB = 0|})]
            public sealed class Train2;
            """);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("777601")]
    public void SGW007_processing_max_runtime(string seconds)
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [MaxRuntime({|SGW007:{{seconds}}|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW007_training_max_runtime_over_28_days()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [MaxRuntime({|SGW007:2419201|})]
            public sealed class Train;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [MaxRuntime(2419200)]
            public sealed class Longest;
            """);
        Assert.Equal("MaxRuntime is 2419201; it must be between 1 and 2419200", Src.Single(diagnostics, "SGW007"));
    }

    [Fact]
    public void SGW007_training_max_runtime_zero()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [MaxRuntime({|SGW007:0|})]
            public sealed class Train;
            """);
        Assert.Equal("MaxRuntime is 0; it must be between 1 and 2419200", Src.Single(diagnostics, "SGW007"));
    }

    [Theory]
    [InlineData("/data/input")]
    [InlineData("opt/ml/processing/input")]
    [InlineData("/opt/ml/processing")]
    [InlineData("")]
    public void SGW007_input_destination_not_under_opt_ml_processing(string path)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://my-bucket/raw/", {|SGW007:"{{path}}"|})]
            public sealed class Prep;
            """);
        Assert.Contains("must be an absolute path under /opt/ml/processing/", Src.Single(diagnostics, "SGW007"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW007_container_path_longer_than_256_characters()
    {
        var path = "/opt/ml/processing/" + new string('p', 240);
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input("s3://my-bucket/raw/", {|SGW007:"{{path}}"|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW007_output_source_not_under_opt_ml_processing_is_reported_at_the_output_path()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output({|SGW007:"/tmp/output"|})] public const string Out = "out";
            }
            """);
    }

    [Fact]
    public void SGW007_image_uri_longer_than_255_characters_or_empty()
    {
        var image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + new string('r', 207) + ":1.0"; // 256 characters
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image({|SGW007:"{{image}}"|}), Instance("ml.m5.large")]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image({|SGW007:""|}), Instance("ml.m5.large")]
            public sealed class Prep2;
            """);
    }

    [Fact]
    public void SGW007_environment_value_too_long_for_the_job_kind()
    {
        // Processing allows 256 characters, training 512.
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("LONG", {|SGW007:"{{new string('v', 257)}}"|})]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Environment("LONG", "{{new string('v', 512)}}")]
            [Environment("LONGER", {|SGW007:"{{new string('v', 513)}}"|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW007_hyperparameter_value_longer_than_2500_characters()
    {
        Markup.Verify(Src.Demo + $$"""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [HyperParameter("config", {|SGW007:"{{new string('x', 2501)}}"|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW007_spot_MaxRunSeconds_not_positive()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot({|SGW007:MaxRunSeconds = -1|}, MaxWaitSeconds = 7200)]
            public sealed class Train;
            """);
    }
}
