using System.Text.Json.Nodes;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Steps;

/// <summary>[RegisterModelStep]: the CreateModelPackage arguments it emits, their conformance to the botocore
/// model, and the diagnostics for bad input (ID and exact span).</summary>
public class RegisterModelStepTests
{
    private const string Pipeline = Src.Demo + """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.m5.xlarge")]
        public sealed class Train;

        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        [Input(typeof(Train), "/opt/ml/processing/model")]
        public sealed class Evaluate
        {
            [Output("/opt/ml/processing/evaluation"), PropertyFile("evaluation.json")]
            public const string Report = "evaluation";

            [Output("/opt/ml/processing/other")]
            public const string Other = "other";
        }

        """;

    private static JsonNode Step(string definition, string name) =>
        JsonNode.Parse(definition)!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == name)!;

    [Fact]
    public void Register_step_emits_the_CreateModelPackage_request()
    {
        var definition = TestProject.Generate(Pipeline + """
            [RegisterModelStep(typeof(Demo), "fraud-models", Description = "Fraud model", DisplayName = "Register")]
            [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/sklearn-inference:1.2-1")]
            [ModelData(typeof(Train))]
            [Environment("SAGEMAKER_PROGRAM", "inference.py")]
            [ContentTypes("text/csv", "application/json")]
            [ResponseTypes("text/csv")]
            [InferenceInstances("ml.m5.large", "ml.c5.large")]
            [TransformInstances("ml.m5.large")]
            [ModelMetrics(nameof(Evaluate.Report))]
            [CustomerMetadata("owner", "fraud-team")]
            [Tag("team", "ml")]
            public sealed class Register;
            """).Definition();

        JsonAssert.Equal("""
            {
              "Name": "Register",
              "Type": "RegisterModel",
              "Arguments": {
                "ModelPackageGroupName": "fraud-models",
                "ModelPackageDescription": "Fraud model",
                "InferenceSpecification": {
                  "Containers": [
                    {
                      "Image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/sklearn-inference:1.2-1",
                      "ModelDataUrl": { "Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts" },
                      "Environment": { "SAGEMAKER_PROGRAM": "inference.py" }
                    }
                  ],
                  "SupportedContentTypes": ["text/csv", "application/json"],
                  "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large", "ml.c5.large"],
                  "SupportedResponseMIMETypes": ["text/csv"],
                  "SupportedTransformInstanceTypes": ["ml.m5.large"]
                },
                "ModelApprovalStatus": "PendingManualApproval",
                "SkipModelValidation": "None",
                "ModelMetrics": {
                  "ModelQuality": {
                    "Statistics": {
                      "ContentType": "application/json",
                      "S3Uri": {
                        "Std:Join": {
                          "On": "",
                          "Values": [
                            { "Get": "Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri" },
                            "/evaluation.json"
                          ]
                        }
                      }
                    }
                  }
                },
                "CustomerMetadataProperties": { "owner": "fraud-team" },
                "Tags": [{ "Key": "team", "Value": "ml" }]
              },
              "DisplayName": "Register",
              "Description": "Fraud model"
            }
            """, Step(definition, "Register").ToJsonString());

        // The register step runs after the steps it reads from.
        var names = JsonNode.Parse(definition)!["Steps"]!.AsArray().Select(s => (string)s!["Name"]!).ToList();
        Assert.True(names.IndexOf("Register") > names.IndexOf("Evaluate"));
        Assert.True(names.IndexOf("Evaluate") > names.IndexOf("Train"));
    }

    [Fact]
    public void Minimal_register_step_omits_what_is_not_given_and_model_data_can_be_a_parameter()
    {
        var definition = TestProject.Generate(Src.Demo + """
            [RegisterModelStep(typeof(Demo), nameof(Demo.Mode), ApprovalStatus = ModelApprovalStatus.Approved)]
            [Image("fakeimage"), ModelData(nameof(Demo.InputData))]
            public sealed class Register;
            """).Definition();

        JsonAssert.Equal("""
            {
              "ModelPackageGroupName": { "Get": "Parameters.Mode" },
              "InferenceSpecification": {
                "Containers": [{ "Image": "fakeimage", "ModelDataUrl": { "Get": "Parameters.InputData" } }]
              },
              "ModelApprovalStatus": "Approved",
              "SkipModelValidation": "None"
            }
            """, Step(definition, "Register")["Arguments"]!.ToJsonString());
    }

    [Theory]
    [InlineData("ModelApprovalStatus.PendingManualApproval", "PendingManualApproval")]
    [InlineData("ModelApprovalStatus.Approved", "Approved")]
    [InlineData("ModelApprovalStatus.Rejected", "Rejected")]
    public void Approval_status_is_the_enum_name(string value, string expected)
    {
        var definition = TestProject.Generate(Src.Demo + $$"""
            [RegisterModelStep(typeof(Demo), "models", ApprovalStatus = {{value}})]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            public sealed class Register;
            """).Definition();
        Assert.Equal(expected, (string)Step(definition, "Register")["Arguments"]!["ModelApprovalStatus"]!);
    }

    [ReferenceFact]
    public void Register_steps_conform_to_CreateModelPackage()
    {
        var definition = TestProject.Generate(Pipeline + """
            [RegisterModelStep(typeof(Demo), "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/fraud-models", Description = "d")]
            [Image("763104351884.dkr.ecr.us-east-1.amazonaws.com/sklearn-inference:1.2-1")]
            [ModelData(typeof(Train)), Environment("A", "b")]
            [ContentTypes("text/csv"), ResponseTypes("text/csv")]
            [InferenceInstances("ml.m5.large"), TransformInstances("ml.m5.large")]
            [ModelMetrics(nameof(Evaluate.Report), ContentType = "application/json")]
            [CustomerMetadata("owner", "fraud-team"), Tag("team", "ml")]
            public sealed class Register;

            [RegisterModelStep(typeof(Demo), nameof(Demo.Mode))]
            [Image("fakeimage"), ModelData(nameof(Demo.InputData))]
            public sealed class Minimal;
            """).Definition();
        var problems = PipelineConformance.Check(definition);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Drift_check_baselines_from_a_uri_a_parameter_and_an_output()
    {
        var definition = TestProject.Generate(Pipeline + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData(typeof(Train))]
            [DriftCheckBaseline(DriftBaseline.ModelQualityConstraints, "s3://my-bucket/constraints.json")]
            [DriftCheckBaseline(DriftBaseline.BiasPostTrainingConstraints, nameof(Demo.OutputPath), ContentType = "text/csv")]
            [DriftCheckBaseline(DriftBaseline.ModelQualityStatistics, nameof(Evaluate.Other), File = "statistics.json")]
            [DriftCheckBaseline(DriftBaseline.ModelDataQualityStatistics, nameof(Evaluate.Report))]
            public sealed class Register;
            """).Definition();

        JsonAssert.Equal("""
            {
              "ModelQuality": {
                "Constraints": { "ContentType": "application/json", "S3Uri": "s3://my-bucket/constraints.json" },
                "Statistics": {
                  "ContentType": "application/json",
                  "S3Uri": { "Std:Join": { "On": "", "Values": [
                    { "Get": "Steps.Evaluate.ProcessingOutputConfig.Outputs['other'].S3Output.S3Uri" }, "/statistics.json"] } }
                }
              },
              "Bias": { "PostTrainingConstraints": { "ContentType": "text/csv", "S3Uri": { "Get": "Parameters.OutputPath" } } },
              "ModelDataQuality": {
                "Statistics": {
                  "ContentType": "application/json",
                  "S3Uri": { "Std:Join": { "On": "", "Values": [
                    { "Get": "Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri" }, "/evaluation.json"] } }
                }
              }
            }
            """, Step(definition, "Register")["Arguments"]!["DriftCheckBaselines"]!.ToJsonString());
        var problems = PipelineConformance.Check(definition);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void SGW007_SGW009_SGW011_drift_check_baselines()
    {
        Markup.Verify(Pipeline + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData(typeof(Train))]
            [DriftCheckBaseline(DriftBaseline.ModelQualityConstraints, "s3://my-bucket/a.json")]
            [DriftCheckBaseline({|SGW007:DriftBaseline.ModelQualityConstraints|}, "s3://my-bucket/b.json")]
            [DriftCheckBaseline(DriftBaseline.ModelQualityStatistics, "s3://my-bucket/c.json", {|SGW009:File = "c.json"|})]
            [{|SGW011:DriftCheckBaseline(DriftBaseline.BiasPreTrainingConstraints, nameof(Evaluate.Other))|}]
            [DriftCheckBaseline(DriftBaseline.ExplainabilityConstraints, {|SGW005:"my-bucket/d.json"|})]
            public sealed class A;
            """);
    }

    // ---- diagnostics --------------------------------------------------------------------------------

    [Fact]
    public void SGW001_invalid_model_package_group_name_or_arn()
    {
        Markup.Verify(Src.Demo + """
            [RegisterModelStep(typeof(Demo), {|SGW001:"fraud_models"|})]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            public sealed class A;

            [RegisterModelStep(typeof(Demo), {|SGW001:"arn:aws:sagemaker:us-east-1:123:model-package-group/x"|})]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            public sealed class B;

            [RegisterModelStep(typeof(Demo), {|SGW001:""|})]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            public sealed class C;
            """);
    }

    [Fact]
    public void SGW001_customer_metadata_and_tags()
    {
        Markup.Verify(Src.Demo + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            [CustomerMetadata({|SGW001:"bad#key"|}, "v")]
            [CustomerMetadata("k", {|SGW001:""|})]
            [CustomerMetadata({|SGW001:"k"|}, "w")]
            [Tag("team", "ml"), Tag({|SGW001:"team"|}, "data")]
            public sealed class A;
            """);
    }

    [Fact]
    public void SGW006_instance_types_are_checked_against_the_endpoint_and_transform_tables()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            [InferenceInstances("ml.c5.large", {|SGW006:"ml.m5.larg"|})]
            [TransformInstances({|SGW006:"ml.c5.large"|})]
            public sealed class A;
            """);
        var messages = diagnostics.Select(Src.Message).Order(StringComparer.Ordinal).ToList();
        Assert.StartsWith("'ml.c5.large' is not a transform instance type; did you mean", messages[0], StringComparison.Ordinal);
        Assert.Equal("'ml.m5.larg' is not a real-time inference instance type; did you mean 'ml.m5.large'?", messages[1]);
    }

    [Fact]
    public void SGW007_bad_response_type_duplicate_content_type_and_unknown_approval_status()
    {
        Markup.Verify(Src.Demo + """
            [RegisterModelStep(typeof(Demo), "models", {|SGW007:ApprovalStatus = (ModelApprovalStatus)7|})]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            [ContentTypes("text/csv", {|SGW007:"text/csv"|})]
            [ResponseTypes({|SGW007:"csv"|})]
            public sealed class A;
            """);
    }

    [Fact]
    public void SGW011_register_step_without_image_or_model_data()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW011:RegisterModelStep(typeof(Demo), "models")|}]
            [ModelData("s3://my-bucket/model.tar.gz")]
            public sealed class NoImage;

            [{|SGW011:RegisterModelStep(typeof(Demo), "models")|}]
            [Image("fakeimage")]
            public sealed class NoModel;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("Register-model step 'NoImage' has no inference image", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("Register-model step 'NoModel' has no model", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW004_SGW005_SGW009_model_metrics_need_an_output_with_a_property_file_or_an_S3_URI()
    {
        var diagnostics = Markup.Verify(Pipeline + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData(typeof(Train))]
            [ModelMetrics({|SGW004:nameof(Evaluate.Other)|})]
            public sealed class A;

            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData(typeof(Train))]
            [ModelMetrics({|SGW009:nameof(Demo.Epochs)|})]
            public sealed class B;

            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData(typeof(Train))]
            [ModelMetrics({|SGW005:"metrics.json"|}, ContentType = "text/csv")]
            public sealed class C;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("has no [PropertyFile]", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW005_and_SGW009_model_data()
    {
        Markup.Verify(Pipeline + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData({|SGW005:"my-bucket/model.tar.gz"|})]
            public sealed class A;

            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData({|SGW017:typeof(Evaluate)|})]
            public sealed class B;

            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData({|SGW009:nameof(Demo.Epochs)|})]
            public sealed class C;
            """);
    }

    [Fact]
    public void SGW014_job_settings_and_cache_do_not_apply_to_a_register_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [RegisterModelStep(typeof(Demo), "models")]
            [Image("fakeimage"), ModelData("s3://my-bucket/model.tar.gz")]
            [{|SGW014:Instance("ml.m5.large")|}]
            [{|SGW014:Cache("P1D")|}]
            public sealed class A;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).StartsWith("[Instance] does not apply to register-model step 'A'", StringComparison.Ordinal));
    }
}
