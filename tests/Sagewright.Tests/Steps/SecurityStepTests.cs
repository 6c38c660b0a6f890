using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;
using Sagewright.Model;
using Sagewright.Model.Pipeline;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Steps;

/// <summary>What [Encryption] and [Network] emit in each step kind's Arguments (the members of the API request they
/// mirror), their conformance with the botocore shapes, and the resolved <see cref="SecuritySettings"/>.</summary>
public class SecurityStepTests
{
    private const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string VolumeKey = "arn:aws:kms:us-east-1:123456789012:key/0fedcba9-8765-4321-abcd-ef0123456789";

    private const string Pipeline = Src.Demo + """
        public static class Keys
        {
            public const string Data = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            public const string Volume = "arn:aws:kms:us-east-1:123456789012:key/0fedcba9-8765-4321-abcd-ef0123456789";
        }

        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large", Count = 2)]
        [Encryption(OutputKmsKeyId = Keys.Data, VolumeKmsKeyId = Keys.Volume)]
        [Network(Subnets = new[] { "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" }, SecurityGroupIds = new[] { "sg-0123456789abcdef0" },
            EnableNetworkIsolation = true, EnableInterContainerTrafficEncryption = true)]
        public sealed class Prep
        {
            [Output("/opt/ml/processing/train")] public const string Train = "train";
        }

        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge", Count = 2)]
        [Channel("train", nameof(Prep.Train))]
        [Encryption(OutputKmsKeyId = Keys.Data, VolumeKmsKeyId = Keys.Volume)]
        [Network(Subnets = new[] { "subnet-0123456789abcdef0" }, SecurityGroupIds = new[] { "sg-0123456789abcdef0", "sg-12345678" },
            EnableNetworkIsolation = true, EnableInterContainerTrafficEncryption = true)]
        public sealed class Train;

        [TuningStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        [Channel("train", nameof(Prep.Train))]
        [Objective("validation:auc", ObjectiveType.Maximize)]
        [IntegerRange("max_depth", 3, 10)]
        [Encryption(OutputKmsKeyId = "alias/ml-data", VolumeKmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab")]
        [Network(Subnets = new[] { "subnet-0123456789abcdef0" }, SecurityGroupIds = new[] { "sg-0123456789abcdef0" }, EnableNetworkIsolation = true)]
        public sealed class Tune;

        [CreateModelStep(typeof(Demo))]
        [Image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")]
        [ModelData(typeof(Train))]
        [Network(Subnets = new[] { "subnet-0123456789abcdef0" }, SecurityGroupIds = new[] { "sg-0123456789abcdef0" }, EnableNetworkIsolation = true)]
        public sealed class Model;

        [TransformStep(typeof(Demo), Model = typeof(Model))]
        [Instance("ml.m5.xlarge")]
        [TransformInput(nameof(Demo.InputData))]
        [Encryption(OutputKmsKeyId = "arn:aws:kms:us-east-1:123456789012:alias/ml-data", VolumeKmsKeyId = "alias/ml-volumes")]
        public sealed class Score;

        """;

    private static readonly Lazy<string> Definition = new(() => TestProject.Generate(Pipeline).Definition());

    private static JsonNode Arguments(string name) =>
        JsonNode.Parse(Definition.Value)!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == name)!["Arguments"]!;

    private static JsonNode? Pick(JsonNode node, params string[] members)
    {
        var result = new JsonObject();
        foreach (var member in members)
        {
            if (node[member] is { } value)
            {
                result[member] = value.DeepClone();
            }
        }

        return result;
    }

    [Fact]
    public void The_pipeline_compiles_without_warnings_or_errors()
    {
        var diagnostics = Markup.WarningsAndErrors(TestProject.Analyze(Pipeline));
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Fact]
    public void Processing_step_has_the_output_key_the_volume_key_and_a_network_config()
    {
        var arguments = Arguments("Prep");
        Assert.Equal(Key, (string)arguments["ProcessingOutputConfig"]!["KmsKeyId"]!);
        JsonAssert.Equal($$"""
            {
              "ProcessingResources": { "ClusterConfig": { "InstanceType": "ml.m5.large", "InstanceCount": 2, "VolumeSizeInGB": 30, "VolumeKmsKeyId": "{{VolumeKey}}" } },
              "NetworkConfig": {
                "EnableInterContainerTrafficEncryption": true,
                "EnableNetworkIsolation": true,
                "VpcConfig": { "SecurityGroupIds": [ "sg-0123456789abcdef0" ], "Subnets": [ "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" ] }
              }
            }
            """, Pick(arguments, "ProcessingResources", "NetworkConfig")!.ToJsonString());
    }

    [Fact]
    public void Processing_network_config_sends_both_flags_and_no_vpc_when_none_is_given()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Network(EnableNetworkIsolation = true)]
            public sealed class Prep;
            """).Definition();
        JsonAssert.Equal("""{ "EnableInterContainerTrafficEncryption": false, "EnableNetworkIsolation": true }""",
            JsonNode.Parse(definition)!["Steps"]![0]!["Arguments"]!["NetworkConfig"]!.ToJsonString());
    }

    [Fact]
    public void Training_step_has_the_keys_the_vpc_and_both_flags_at_the_top_level()
    {
        var arguments = Arguments("Train");
        JsonAssert.Equal($$"""
            {
              "OutputDataConfig": {
                "S3OutputPath": { "Std:Join": { "On": "/", "Values": [ "s3:/", "sagemaker-us-east-1-123456789012", "Demo", { "Get": "Execution.PipelineExecutionId" }, "Train" ] } },
                "KmsKeyId": "{{Key}}"
              },
              "ResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30, "VolumeKmsKeyId": "{{VolumeKey}}" },
              "VpcConfig": { "SecurityGroupIds": [ "sg-0123456789abcdef0", "sg-12345678" ], "Subnets": [ "subnet-0123456789abcdef0" ] },
              "EnableNetworkIsolation": true,
              "EnableInterContainerTrafficEncryption": true
            }
            """, Pick(arguments, "OutputDataConfig", "ResourceConfig", "VpcConfig", "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption")!.ToJsonString());
    }

    [Fact]
    public void Tuning_step_has_them_inside_the_training_job_definition()
    {
        var arguments = Arguments("Tune");
        var definition = arguments["TrainingJobDefinition"]!;
        JsonAssert.Equal("""
            {
              "OutputDataConfig": {
                "S3OutputPath": { "Std:Join": { "On": "/", "Values": [ "s3:/", "sagemaker-us-east-1-123456789012", "Demo", { "Get": "Execution.PipelineExecutionId" }, "Tune" ] } },
                "KmsKeyId": "alias/ml-data"
              },
              "HyperParameterTuningResourceConfig": { "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30, "VolumeKmsKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab" },
              "VpcConfig": { "SecurityGroupIds": [ "sg-0123456789abcdef0" ], "Subnets": [ "subnet-0123456789abcdef0" ] },
              "EnableNetworkIsolation": true
            }
            """, Pick(definition, "OutputDataConfig", "HyperParameterTuningResourceConfig", "VpcConfig", "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption")!.ToJsonString());
        Assert.Null(arguments["VpcConfig"]);
    }

    [Fact]
    public void Model_step_has_the_vpc_and_network_isolation()
    {
        JsonAssert.Equal("""
            {
              "VpcConfig": { "SecurityGroupIds": [ "sg-0123456789abcdef0" ], "Subnets": [ "subnet-0123456789abcdef0" ] },
              "EnableNetworkIsolation": true
            }
            """, Pick(Arguments("Model"), "VpcConfig", "EnableNetworkIsolation")!.ToJsonString());
    }

    [Fact]
    public void Transform_step_has_the_output_and_volume_keys()
    {
        var arguments = Arguments("Score");
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:alias/ml-data", (string)arguments["TransformOutput"]!["KmsKeyId"]!);
        JsonAssert.Equal("""{ "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeKmsKeyId": "alias/ml-volumes" }""",
            arguments["TransformResources"]!.ToJsonString());
    }

    [Fact]
    public void Steps_without_the_attributes_send_none_of_the_members()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/train")] public const string Train = "train";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            public sealed class Train;
            """).Definition();
        foreach (var member in new[] { "KmsKeyId", "VolumeKmsKeyId", "VpcConfig", "NetworkConfig", "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption" })
        {
            Assert.DoesNotContain("\"" + member + "\"", definition, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Isolated_training_with_code_gets_the_script_as_the_code_channel_as_the_sdk_does()
    {
        const string Source = Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Code("scripts/train.py")]
            [Channel("train", nameof(Demo.InputData))]
            [Network(EnableNetworkIsolation = ISOLATED)]
            public sealed class Train;
            """;
        JsonNode Arguments(bool isolated) =>
            JsonNode.Parse(TestProject.Generate(Source.Replace("ISOLATED", isolated ? "true" : "false", StringComparison.Ordinal)).Definition())!["Steps"]![0]!["Arguments"]!;

        var open = Arguments(isolated: false);
        var codeUri = JsonSerializer.Deserialize<string>((string)open["HyperParameters"]!["sagemaker_submit_directory"]!)!;
        Assert.StartsWith("s3://sagemaker-us-east-1-123456789012/Demo/code/", codeUri, StringComparison.Ordinal);
        Assert.Single(open["InputDataConfig"]!.AsArray());

        var isolated = Arguments(isolated: true);
        Assert.Equal("\"/opt/ml/input/data/code/sourcedir.tar.gz\"", (string)isolated["HyperParameters"]!["sagemaker_submit_directory"]!);
        JsonAssert.Equal($$"""
            {
              "ChannelName": "code",
              "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "{{codeUri}}", "S3DataDistributionType": "FullyReplicated" } }
            }
            """, isolated["InputDataConfig"]![1]!.ToJsonString());
        Assert.Equal(["train", "code"], isolated["InputDataConfig"]!.AsArray().Select(c => (string)c!["ChannelName"]!));
    }

    [ReferenceFact]
    public void Every_step_conforms_to_the_botocore_shapes()
    {
        var problems = PipelineConformance.Check(Definition.Value);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every value Sagewright accepts is accepted by the botocore shape it is sent as (Sagewright is
    /// stricter, never looser).</summary>
    [ReferenceTheory]
    [InlineData("KmsKeyId", "1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("KmsKeyId", "mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("KmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("KmsKeyId", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("KmsKeyId", "alias/ml-data")]
    [InlineData("KmsKeyId", "alias/team_a/ml-data-2")]
    [InlineData("KmsKeyId", "arn:aws:kms:us-east-1:123456789012:alias/ml-data")]
    [InlineData("SubnetId", "subnet-0123abcd")]
    [InlineData("SubnetId", "subnet-0123456789abcdef0")]
    [InlineData("SecurityGroupId", "sg-0123abcd")]
    [InlineData("SecurityGroupId", "sg-0123456789abcdef0")]
    public void Accepted_values_conform_to_the_botocore_shape(string shape, string value)
    {
        Assert.True(shape != "KmsKeyId" || KmsKeyReference.KindOf(value) is not null, value + " should be accepted by Sagewright");
        if (shape != "KmsKeyId")
        {
            Assert.Empty(Markup.WarningsAndErrors(TestProject.Analyze(Src.Demo + $$"""
                [ProcessingStep(typeof(Demo))]
                [Image(Images.Processing), Instance("ml.m5.large")]
                [Network({{(shape == "SubnetId" ? "Subnets" : "SecurityGroupIds")}} = new[] { "{{value}}" },
                    {{(shape == "SubnetId" ? "SecurityGroupIds = new[] { \"sg-0123abcd\" }" : "Subnets = new[] { \"subnet-0123abcd\" }")}}, EnableNetworkIsolation = true)]
                public sealed class Prep;
                """)));
        }

        Assert.Empty(BotocoreModel.SageMaker.ValidateShape(shape, JsonValue.Create(value)));
    }

    [ReferenceFact]
    public void The_checker_rejects_the_new_members_in_the_wrong_place_or_shape()
    {
        // Proves the conformance check above reaches the new members: each is broken once.
        var definition = JsonNode.Parse(Definition.Value)!.AsObject();
        var steps = definition["Steps"]!.AsArray();
        JsonNode Step(string name) => steps.Single(s => (string)s!["Name"]! == name)!["Arguments"]!;
        Step("Prep")["NetworkConfig"]!["VpcConfig"]!["Subnets"] = new JsonArray();
        Step("Train")["VpcConfig"]!["SecurityGroupIds"] = new JsonArray("sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6");
        Step("Train")["OutputDataConfig"]!["KmsKeyId"] = "not a key!";
        Step("Score")["NetworkConfig"] = new JsonObject();
        Step("Model")["EnableInterContainerTrafficEncryption"] = true;
        Assert.Equal(
            [
                "$.Steps[0].Arguments.NetworkConfig.VpcConfig.Subnets",
                "$.Steps[1].Arguments.OutputDataConfig.KmsKeyId",
                "$.Steps[1].Arguments.VpcConfig.SecurityGroupIds",
                "$.Steps[2].Arguments.EnableInterContainerTrafficEncryption",
                "$.Steps[3].Arguments.NetworkConfig",
            ],
            PipelineConformance.Check(definition.ToJsonString()).Select(BotocoreModelTests.PathOf).OrderBy(p => p, StringComparer.Ordinal));
    }

    // ---- resolved settings for the IAM deriver ---------------------------------------------------

    private static readonly BuildSettings Settings = new("123456789012", "us-east-1", "aws", null);

    [Fact]
    public void Security_settings_resolve_every_key_form_to_an_arn()
    {
        static KmsKeyReference? Resolve(string value) => KmsKeyReference.Resolve(value, Settings);
        Assert.Equal(new KmsKeyReference(Key, KmsKeyKind.KeyArn, Key), Resolve(Key));
        Assert.Equal(new KmsKeyReference("1234abcd-12ab-34cd-56ef-1234567890ab", KmsKeyKind.KeyId, Key), Resolve("1234abcd-12ab-34cd-56ef-1234567890ab"));
        Assert.Equal(new KmsKeyReference("alias/ml-data", KmsKeyKind.AliasName, "arn:aws:kms:us-east-1:123456789012:alias/ml-data"), Resolve("alias/ml-data"));
        Assert.Equal(KmsKeyKind.AliasArn, Resolve("arn:aws:kms:us-east-1:123456789012:alias/ml-data")!.Kind);
        Assert.Equal(KmsKeyKind.KeyId, Resolve("mrk-1234abcd12ab34cd56ef1234567890ab")!.Kind);
        Assert.Null(Resolve("key/123"));
        Assert.Null(KmsKeyReference.Resolve("alias/ml-data", Settings with { AccountId = null })!.Arn);
        Assert.Equal("arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            KmsKeyReference.Resolve("1234abcd-12ab-34cd-56ef-1234567890ab", new BuildSettings("123456789012", "cn-north-1", "aws-cn", null))!.Arn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890")]
    [InlineData("alias/")]
    [InlineData("alias/has space")]
    [InlineData("arn:aws:kms:us-east-1:12345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:s3:::my-bucket")]
    [InlineData("arn:aws:kms:us-east-1:123456789012:key/alias/ml-data")]
    public void Other_text_is_not_a_key(string value) => Assert.Null(KmsKeyReference.KindOf(value));

    [Fact]
    public void Security_settings_of_each_step()
    {
        var binder = StepDecls(Pipeline);
        var prep = SecuritySettings.Of(binder["Prep"], Settings);
        Assert.Equal(Key, prep.OutputKmsKeyId!.Arn);
        Assert.Equal(VolumeKey, prep.VolumeKmsKeyId!.Arn);
        Assert.Equal(["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"], prep.Subnets);
        Assert.Equal(["sg-0123456789abcdef0"], prep.SecurityGroupIds);
        Assert.True(prep.InVpc);
        Assert.True(prep.NetworkIsolation);
        Assert.True(prep.InterContainerEncryption);

        var tune = SecuritySettings.Of(binder["Tune"], Settings);
        Assert.Equal(KmsKeyKind.AliasName, tune.OutputKmsKeyId!.Kind);
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:alias/ml-data", tune.OutputKmsKeyId.Arn);
        Assert.False(tune.InterContainerEncryption);

        var model = SecuritySettings.Of(binder["Model"], Settings);
        Assert.Null(model.OutputKmsKeyId);
        Assert.True(model.InVpc);
        Assert.True(model.NetworkIsolation);

        var score = SecuritySettings.Of(binder["Score"], Settings);
        Assert.Equal(KmsKeyKind.AliasArn, score.OutputKmsKeyId!.Kind);
        Assert.False(score.InVpc);
        Assert.Empty(score.Subnets);
    }

    [Fact]
    public void Security_settings_leave_out_what_does_not_apply_or_is_incomplete()
    {
        var steps = StepDecls(Src.Demo + """
            [CreateModelStep(typeof(Demo), NetworkIsolation = true)]
            [Image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")]
            [Encryption(OutputKmsKeyId = "alias/x")]
            public sealed class Model;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.xlarge")]
            [Encryption(OutputKmsKeyId = "not-a-key", VolumeKmsKeyId = nameof(Demo.Mode))]
            [Network(Subnets = new[] { "subnet-0123456789abcdef0" })]
            public sealed class Train;
            """);
        var model = SecuritySettings.Of(steps["Model"], Settings);
        Assert.Null(model.OutputKmsKeyId); // [Encryption] does not apply to a model (reported)
        Assert.True(model.NetworkIsolation); // from the step attribute
        var train = SecuritySettings.Of(steps["Train"], Settings);
        Assert.Null(train.OutputKmsKeyId);
        Assert.Null(train.VolumeKmsKeyId);
        Assert.False(train.InVpc);
        Assert.Empty(train.Subnets);
    }

    [Fact]
    public void Step_declarations_with_the_settings_are_value_equal_across_binds()
    {
        // The incremental generator caches on value equality: binding the same source twice gives equal records.
        var first = StepDecls(Pipeline);
        var second = StepDecls(Pipeline);
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, step) in first)
        {
            Assert.Equal(step, second[name]);
            Assert.Equal(step.GetHashCode(), second[name].GetHashCode());
        }

        Assert.NotEqual(first["Prep"].Network, first["Train"].Network);
        Assert.NotNull(first["Prep"].Encryption);
    }

    /// <summary>The bound step declarations by step name, as the generator sees them.</summary>
    private static Dictionary<string, StepDecl> StepDecls(string source)
    {
        var compilation = TestProject.Compilation(source);
        var binder = new Sagewright.Compiler.Binding.Binder(compilation, CancellationToken.None);
        var steps = new Dictionary<string, StepDecl>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is { } type && binder.BindStep(type) is { } step)
                {
                    steps[step.Name] = step;
                }
            }
        }

        return steps;
    }
}
