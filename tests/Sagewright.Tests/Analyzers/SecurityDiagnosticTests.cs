using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>[Encryption] and [Network]: bad values at the exact argument, and the security rules SGW203 (no
/// customer managed KMS key) and SGW204 (network isolation or inter-container encryption off), firing and not.</summary>
public class SecurityDiagnosticTests
{
    private const string Key = "\"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"";
    private const string Vpc = "Subnets = new[] { \"subnet-0123456789abcdef0\" }, SecurityGroupIds = new[] { \"sg-0123456789abcdef0\" }";

    /// <summary><see cref="Src.Demo"/> and training step <c>Train</c> on <paramref name="instance"/> with the given attribute lines.</summary>
    private static string WithTrain(string attributes, string instance = "ml.m5.xlarge") => Src.Demo + $$"""
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("{{instance}}")]
        {{attributes}}
        public sealed class Train;
        """;

    /// <summary><see cref="Src.Demo"/> and processing step <c>Prep</c> with the given attribute lines.</summary>
    private static string WithPrep(string attributes) => Src.Demo + $$"""
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        {{attributes}}
        public sealed class Prep;
        """;

    // ---- [Encryption] values ----------------------------------------------------------------------

    [Theory]
    [InlineData("\"key/1234abcd-12ab-34cd-56ef-1234567890ab\"")]
    [InlineData("\"arn:aws:kms:us-east-1:123456789012:1234abcd-12ab-34cd-56ef-1234567890ab\"")]
    [InlineData("\"my key\"")]
    [InlineData("\"\"")]
    public void SGW001_output_key_that_is_no_kms_key(string value)
    {
        var diagnostics = Markup.Verify(WithTrain($$"""[Encryption({|SGW001:OutputKmsKeyId = {{value}}|}, VolumeKmsKeyId = {{Key}})]"""));
        Assert.Contains("is not a KMS key ID", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW001_alias_as_a_training_volume_key()
    {
        var diagnostics = Markup.Verify(WithTrain("""[Encryption(OutputKmsKeyId = "alias/ml-data", {|SGW001:VolumeKmsKeyId = "alias/ml-volumes"|})]"""));
        Assert.Equal("Training jobs take a key ID or key ARN as VolumeKmsKeyId, not an alias: use the ARN of the key behind 'alias/ml-volumes'",
            Src.Single(diagnostics, "SGW001"));
    }

    [Fact]
    public void Aliases_are_accepted_for_processing_and_transform_volumes()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Encryption(VolumeKmsKeyId = "alias/ml-volumes")]
            public sealed class Prep;

            [TransformStep(typeof(Demo), ModelName = "existing-model")]
            [Instance("ml.m5.xlarge")]
            [TransformInput(nameof(Demo.InputData))]
            [Encryption(OutputKmsKeyId = "alias/ml-data", VolumeKmsKeyId = "arn:aws:kms:us-east-1:123456789012:alias/ml-volumes")]
            public sealed class Score;
            """);
    }

    [Fact]
    public void SGW018_key_in_another_region_or_partition()
    {
        var diagnostics = Markup.Verify(WithTrain("""
            [Encryption({|SGW018:OutputKmsKeyId = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"|},
                {|SGW018:VolumeKmsKeyId = "arn:aws-cn:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"|})]
            """));
        var messages = diagnostics.Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "KMS key 'arn:aws-cn:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' is in partition 'aws-cn', but the pipeline runs in 'aws' (SagewrightPartition)",
                "KMS key 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' is in region 'eu-west-1', but the pipeline runs in 'us-east-1' (SagewrightRegion); "
                    + "KMS keys are regional, and SageMaker needs one in the job's region",
            ],
            messages);
    }

    [Fact]
    public void Keys_of_other_accounts_are_accepted()
    {
        Markup.Verify(WithTrain("""
            [Encryption(OutputKmsKeyId = "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                VolumeKmsKeyId = "mrk-1234abcd12ab34cd56ef1234567890ab")]
            """));
    }

    [Fact]
    public void SGW016_key_from_a_parameter()
    {
        var diagnostics = Markup.Verify(WithTrain($$"""[Encryption(OutputKmsKeyId = {{Key}}, {|SGW016:VolumeKmsKeyId = nameof(Demo.Mode)|})]"""));
        Assert.Equal("VolumeKmsKeyId must be written in source, not taken from a parameter: the IAM policies are derived from it", Src.Single(diagnostics, "SGW016"));
    }

    [Fact]
    public void SGW009_volume_key_on_an_instance_type_with_local_storage()
    {
        var diagnostics = Markup.Verify(WithTrain($$"""[Encryption(OutputKmsKeyId = {{Key}}, {|SGW009:VolumeKmsKeyId = {{Key}}|})]""", "ml.g4dn.xlarge"));
        Assert.StartsWith("Instance type 'ml.g4dn.xlarge' has local NVMe storage", Src.Single(diagnostics, "SGW009"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW009_output_key_on_a_processing_step_without_outputs()
    {
        var diagnostics = Markup.Verify(WithPrep($$"""[Encryption({|SGW009:OutputKmsKeyId = {{Key}}|}, VolumeKmsKeyId = {{Key}})]"""));
        Assert.Contains("has no [Output] to encrypt", Src.Single(diagnostics, "SGW009"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW011_encryption_without_a_key()
    {
        Markup.Verify(WithTrain("""[{|SGW011:Encryption|}]"""));
    }

    // ---- [Network] values -------------------------------------------------------------------------

    [Fact]
    public void SGW001_ids_that_are_not_subnet_or_security_group_ids()
    {
        var diagnostics = Markup.Verify(WithTrain("""
            [Network({|SGW001:Subnets = new[] { "subnet-0123456789abcdef0", "sg-0123456789abcdef0" }|},
                {|SGW001:SecurityGroupIds = new[] { "sg-0123456789ABCDEF0" }|}, EnableNetworkIsolation = true)]
            """));
        var messages = diagnostics.Where(d => d.Id == "SGW001").Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "'sg-0123456789ABCDEF0' in SecurityGroupIds is not an EC2 ID of the form sg- and 8 or 17 lower-case hex digits (sg-0123456789abcdef0)",
                "'sg-0123456789abcdef0' in Subnets is not an EC2 ID of the form subnet- and 8 or 17 lower-case hex digits (subnet-0123456789abcdef0)",
            ],
            messages);
    }

    [Fact]
    public void SGW007_too_many_subnets_and_no_security_group()
    {
        var subnets = string.Join(", ", Enumerable.Range(0, 17).Select(i => "\"subnet-" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "\""));
        var diagnostics = Markup.Verify(WithTrain($$"""[Network({|SGW007:Subnets = new[] { {{subnets}} }|}, {|SGW007:SecurityGroupIds = new string[0]|}, EnableNetworkIsolation = true)]"""));
        Assert.Equal(
            ["The number of SecurityGroupIds is 0; it must be between 1 and 5", "The number of Subnets is 17; it must be between 1 and 16"],
            diagnostics.Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal));
    }

    [Fact]
    public void SGW011_subnets_without_security_groups()
    {
        var diagnostics = Markup.Verify(WithPrep("""[{|SGW011:Network(Subnets = new[] { "subnet-0123456789abcdef0" }, EnableNetworkIsolation = true)|}]"""));
        Assert.Equal("Step 'Prep' sets Subnets but no SecurityGroupIds: a VPC configuration needs both", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void SGW014_attributes_on_steps_they_do_not_apply_to()
    {
        Markup.Verify(Src.Demo + $$"""
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [{|SGW014:Encryption(OutputKmsKeyId = {{Key}})|}]
            [Network({{Vpc}}, EnableNetworkIsolation = true, {|SGW014:EnableInterContainerTrafficEncryption = true|})]
            public sealed class Model;

            [TransformStep(typeof(Demo), Model = typeof(Model))]
            [Instance("ml.m5.xlarge")]
            [TransformInput(nameof(Demo.InputData))]
            [Encryption(OutputKmsKeyId = {{Key}}, VolumeKmsKeyId = {{Key}})]
            [{|SGW014:Network({{Vpc}}, EnableNetworkIsolation = true)|}]
            public sealed class Score;

            [FailStep(typeof(Demo))]
            [{|SGW014:Encryption(OutputKmsKeyId = {{Key}})|}]
            [{|SGW014:Network(EnableNetworkIsolation = true)|}]
            public sealed class Stop;
            """);
    }

    [Fact]
    public void SGW015_model_network_isolation_set_twice()
    {
        Markup.Verify(Src.Demo + $$"""
            [CreateModelStep(typeof(Demo), NetworkIsolation = true)]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [Network({{Vpc}}, {|SGW015:EnableNetworkIsolation = true|})]
            public sealed class Model;
            """);
    }

    [Fact]
    public void SGW001_channel_named_code_on_an_isolated_training_step_with_code()
    {
        var diagnostics = Markup.Verify(WithTrain("""
            [Code("scripts/train.py")]
            [Channel({|SGW001:"code"|}, nameof(Demo.InputData))]
            [Network(EnableNetworkIsolation = true)]
            """));
        Assert.StartsWith("Channel name 'code' is reserved", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void Null_values_are_reported_not_thrown()
    {
        Markup.Verify(WithTrain("""
            [{|SGW011:Encryption(OutputKmsKeyId = null, VolumeKmsKeyId = null)|}]
            [{|SGW011:Network({|SGW011:Subnets = new string[] { null! }|}, SecurityGroupIds = null, EnableNetworkIsolation = true)|}]
            """));
    }

    // ---- SGW203 ---------------------------------------------------------------------------------

    [Fact]
    public void SGW203_job_steps_without_encryption()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW203:ProcessingStep(typeof(Demo))|}]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/train")] public const string Train = "train";
            }

            [{|SGW203:TrainingStep(typeof(Demo))|}]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            public sealed class Train;

            [{|SGW203:TransformStep(typeof(Demo), ModelName = "existing-model")|}]
            [Instance("ml.m5.xlarge")]
            [TransformInput(nameof(Demo.InputData))]
            public sealed class Score;
            """);
        Assert.Equal(
            [
                "Step 'Prep' has no customer managed KMS key for its outputs and ML storage volume (SageMaker uses the AWS managed key for S3 and a transient key): add [Encryption(OutputKmsKeyId = \"<key ARN>\", VolumeKmsKeyId = \"<key ARN>\")]",
                "Step 'Score' has no customer managed KMS key for its output and ML storage volume (SageMaker uses the AWS managed key for S3 and a transient key): add [Encryption(OutputKmsKeyId = \"<key ARN>\", VolumeKmsKeyId = \"<key ARN>\")]",
                "Step 'Train' has no customer managed KMS key for its model artifacts and ML storage volume (SageMaker uses the AWS managed key for S3 and a transient key): add [Encryption(OutputKmsKeyId = \"<key ARN>\", VolumeKmsKeyId = \"<key ARN>\")]",
            ],
            diagnostics.Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, d.Severity));
        Assert.Equal("OutputKmsKeyId,VolumeKmsKeyId", diagnostics[0].Properties["Members"]);
    }

    [Fact]
    public void SGW203_tuning_step_and_partial_encryption()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TuningStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Objective("validation:auc", ObjectiveType.Maximize)]
            [IntegerRange("max_depth", 3, 10)]
            [{|SGW203:Encryption(OutputKmsKeyId = "alias/ml-data")|}]
            public sealed class Tune;
            """);
        Assert.Equal("Step 'Tune' has no customer managed KMS key for its ML storage volume (SageMaker uses a transient key): set VolumeKmsKeyId on [Encryption]",
            Src.Single(diagnostics, "SGW203"));
    }

    [Fact]
    public void SGW203_asks_only_for_what_can_be_encrypted()
    {
        // g4dn has local NVMe storage (hardware-encrypted, no volume key possible); a processing step without outputs
        // writes nothing to S3.
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW203:TrainingStep(typeof(Demo))|}]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;

            [{|SGW203:ProcessingStep(typeof(Demo))|}]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Check;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.r5d.large")]
            public sealed class CheckOnLocalStorage;
            """);
        Assert.Equal(
            [
                "Step 'Check' has no customer managed KMS key for its ML storage volume (SageMaker uses a transient key): add [Encryption(VolumeKmsKeyId = \"<key ARN>\")]",
                "Step 'Train' has no customer managed KMS key for its model artifacts (SageMaker uses the AWS managed key for S3): add [Encryption(OutputKmsKeyId = \"<key ARN>\")]",
            ],
            diagnostics.Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal));
    }

    [Fact]
    public void SGW203_not_reported_with_both_keys_nor_on_steps_that_store_nothing()
    {
        MarkNone(Src.Demo + $$"""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Encryption(OutputKmsKeyId = {{Key}}, VolumeKmsKeyId = {{Key}})]
            public sealed class Train;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;

            [FailStep(typeof(Demo))]
            public sealed class Stop;
            """, "SGW203");
    }

    // ---- SGW204 ---------------------------------------------------------------------------------

    [Fact]
    public void SGW204_distributed_training_without_inter_container_encryption()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [{|SGW204:TrainingStep(typeof(Demo))|}]
            [Image(Images.Training), Instance("ml.m5.xlarge", Count = 2)]
            public sealed class Train;

            [TuningStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge", Count = 4)]
            [Objective("validation:auc", ObjectiveType.Maximize)]
            [IntegerRange("max_depth", 3, 10)]
            [Network({{Vpc}}, EnableNetworkIsolation = true, {|SGW204:EnableInterContainerTrafficEncryption = false|})]
            public sealed class Tune;
            """);
        Assert.Equal(
            [
                "Training step 'Train' runs on 2 instances without inter-container traffic encryption: set [Network(EnableInterContainerTrafficEncryption = true)]",
                "Tuning step 'Tune' runs on 4 instances without inter-container traffic encryption: set [Network(EnableInterContainerTrafficEncryption = true)]",
            ],
            diagnostics.Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, d.Severity));
    }

    [Fact]
    public void SGW204_network_without_isolation()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [{|SGW204:Network({{Vpc}})|}]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Network({{Vpc}}, {|SGW204:EnableNetworkIsolation = false|})]
            public sealed class Train;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [{|SGW204:Network({{Vpc}})|}]
            public sealed class Model;
            """);
        Assert.Contains(
            "Step 'Prep' runs without network isolation, so its containers can make network calls out of the VPC: set EnableNetworkIsolation = true unless the code itself needs the network",
            diagnostics.Select(Src.Message));
        Assert.All(diagnostics, d => Assert.Equal("EnableNetworkIsolation", d.Properties["Setting"]));
    }

    [Fact]
    public void SGW204_not_reported_when_isolated_and_encrypted_or_not_provable()
    {
        // One instance, a processing job on two instances (instances of a processing job need not talk to each other),
        // a fully set [Network], and a model isolated by its step attribute.
        MarkNone(Src.Demo + $$"""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            public sealed class Single;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large", Count = 2)]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge", Count = 2)]
            [Network({{Vpc}}, EnableNetworkIsolation = true, EnableInterContainerTrafficEncryption = true)]
            public sealed class Distributed;

            [CreateModelStep(typeof(Demo), NetworkIsolation = true)]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [Network({{Vpc}})]
            public sealed class Model;
            """, "SGW204");
    }

    /// <summary>Asserts that the source compiles without any warning or error and without the given info rule.</summary>
    private static void MarkNone(string source, string id)
    {
        var diagnostics = TestProject.Analyze(source);
        Assert.True(!diagnostics.Any(d => d.Severity > Microsoft.CodeAnalysis.DiagnosticSeverity.Info || d.Id == id),
            string.Join("\n", diagnostics.Select(d => d.Id + ": " + Src.Message(d))));
    }
}
