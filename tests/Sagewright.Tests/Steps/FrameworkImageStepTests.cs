using System.Text.Json.Nodes;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Iam;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Steps;

/// <summary>[Framework] on processing, training, model and register-model steps: the image the SageMaker Python SDK
/// gives for the same arguments (the expected URIs are the SDK's own, see <c>FrameworkImageTests.SdkUris</c>), in the
/// definition, in the botocore-conformant requests and in the roles' ECR pull permissions.</summary>
public class FrameworkImageStepTests
{
    private const string Xgboost = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:0.90-1-cpu-py3";
    private const string LinearLearner = "438346466558.dkr.ecr.eu-west-1.amazonaws.com/linear-learner:1";
    private const string PyTorchP4d = "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:1.6-gpu-py3-cu110-ubuntu18.04-v3";
    private const string TensorFlowP4d = "763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-training:2.3-gpu-py37-cu110-ubuntu18.04-v3";
    private const string HuggingFaceTraining = "763104351884.dkr.ecr.us-east-2.amazonaws.com/huggingface-pytorch-training:2.0.0-transformers4.28.1-gpu-py310-cu118-ubuntu20.04";
    private const string HuggingFaceInference = "763104351884.dkr.ecr.us-east-2.amazonaws.com/huggingface-pytorch-inference:1.13.1-transformers4.26.0-gpu-py39-cu117-ubuntu20.04";

    private static readonly ProjectOptions EuWest1 = ProjectOptions.Default with { Region = "eu-west-1" };
    private static readonly ProjectOptions UsWest2 = ProjectOptions.Default with { Region = "us-west-2" };
    private static readonly ProjectOptions UsEast2 = ProjectOptions.Default with { Region = "us-east-2" };

    /// <summary>xgboost for processing and a model, and the linear-learner built-in algorithm for training.</summary>
    private const string XgboostPipeline = Src.Demo + """
        [ProcessingStep(typeof(Demo))]
        [Framework("xgboost", "0.90-1"), Instance("ml.m5.xlarge")]
        [Code("scripts/preprocess.py")]
        public sealed class Prep;

        [TrainingStep(typeof(Demo))]
        [Framework("linear-learner", "1"), Instance("ml.m5.xlarge")]
        [Channel("train", nameof(Demo.InputData))]
        [HyperParameter("predictor_type", "binary_classifier")]
        public sealed class Train;

        [CreateModelStep(typeof(Demo), Name = "Serve")]
        [Framework("xgboost", "0.90-1", InstanceType = "ml.m5.xlarge")]
        [ModelData(typeof(Train))]
        public sealed class Serve;
        """;

    /// <summary>PyTorch and TensorFlow training on p4d, where the SDK adds its CUDA container suffix.</summary>
    private const string DeepLearningPipeline = Src.Demo + """
        [TrainingStep(typeof(Demo))]
        [Framework("pytorch", "1.6", PythonVersion = "py3"), Instance("ml.p4d.24xlarge")]
        [Code("scripts/train.py")]
        public sealed class TorchTrain;

        [TrainingStep(typeof(Demo))]
        [Framework("tensorflow", "2.3", PythonVersion = "py37"), Instance("ml.p4d.24xlarge")]
        [Code("scripts/train.py")]
        public sealed class TensorFlowTrain;
        """;

    /// <summary>Hugging Face training, a model and a registered model package.</summary>
    private const string HuggingFacePipeline = Src.Demo + """
        [TrainingStep(typeof(Demo))]
        [Framework("huggingface", "4.28.1", BaseFramework = "pytorch2.0.0", PythonVersion = "py310"), Instance("ml.g5.12xlarge")]
        [Code("scripts/train.py")]
        public sealed class Tune;

        [CreateModelStep(typeof(Demo))]
        [Framework("huggingface", "4.26.0", BaseFramework = "pytorch1.13.1", PythonVersion = "py39", InstanceType = "ml.g5.xlarge")]
        [ModelData(typeof(Tune))]
        public sealed class Model;

        [RegisterModelStep(typeof(Demo), "llm-models")]
        [Framework("huggingface", "4.26", BaseFramework = "pytorch1.13", PythonVersion = "py39", InstanceType = "ml.g5.xlarge")]
        [ModelData(typeof(Tune))]
        public sealed class Register;
        """;

    private static JsonNode Step(string definition, string name) =>
        JsonNode.Parse(definition)!["Steps"]!.AsArray().Single(s => (string)s!["Name"]! == name)!;

    [Fact]
    public void Xgboost_and_a_built_in_algorithm_resolve_like_the_sdk()
    {
        var definition = TestProject.Generate(XgboostPipeline, EuWest1).Definition();
        Assert.Equal(Xgboost, (string)Step(definition, "Prep")["Arguments"]!["AppSpecification"]!["ImageUri"]!);
        Assert.Equal(LinearLearner, (string)Step(definition, "Train")["Arguments"]!["AlgorithmSpecification"]!["TrainingImage"]!);
        Assert.Equal(Xgboost, (string)Step(definition, "Serve")["Arguments"]!["PrimaryContainer"]!["Image"]!);
    }

    [Fact]
    public void Pytorch_and_tensorflow_on_p4d_get_the_sdk_container_suffix()
    {
        var definition = TestProject.Generate(DeepLearningPipeline, UsWest2).Definition();
        Assert.Equal(PyTorchP4d, (string)Step(definition, "TorchTrain")["Arguments"]!["AlgorithmSpecification"]!["TrainingImage"]!);
        Assert.Equal(TensorFlowP4d, (string)Step(definition, "TensorFlowTrain")["Arguments"]!["AlgorithmSpecification"]!["TrainingImage"]!);
    }

    [Fact]
    public void Huggingface_training_and_inference_images_follow_the_base_framework()
    {
        var definition = TestProject.Generate(HuggingFacePipeline, UsEast2).Definition();
        Assert.Equal(HuggingFaceTraining, (string)Step(definition, "Tune")["Arguments"]!["AlgorithmSpecification"]!["TrainingImage"]!);
        Assert.Equal(HuggingFaceInference, (string)Step(definition, "Model")["Arguments"]!["PrimaryContainer"]!["Image"]!);
        // Aliases (4.26, pytorch1.13) pick the same image table entry; the tag keeps them as written, as the SDK's does.
        Assert.Equal("763104351884.dkr.ecr.us-east-2.amazonaws.com/huggingface-pytorch-inference:1.13-transformers4.26-gpu-py39-cu117-ubuntu20.04",
            (string)Step(definition, "Register")["Arguments"]!["InferenceSpecification"]!["Containers"]![0]!["Image"]!);
    }

    [ReferenceTheory]
    [InlineData(XgboostPipeline, "eu-west-1")]
    [InlineData(DeepLearningPipeline, "us-west-2")]
    [InlineData(HuggingFacePipeline, "us-east-2")]
    public void Pipelines_with_framework_images_conform_to_the_botocore_requests(string pipeline, string region)
    {
        var definition = TestProject.Generate(pipeline, ProjectOptions.Default with { Region = region }).Definition();
        var problems = PipelineConformance.Check(definition);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Roles_pull_exactly_the_framework_image_repositories()
    {
        var iam = IamFiles.Generate(XgboostPipeline, EuWest1);
        Assert.Equal(
            ["arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-xgboost", "arn:aws:ecr:eu-west-1:438346466558:repository/linear-learner"],
            iam.Resources("Demo-job", "EcrPullImages"));
        Assert.Equal(["arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-xgboost"], iam.Resources("Demo-inference", "EcrPullImages"));
        Assert.False(iam.Allows("Demo-job", "ecr:BatchGetImage", "arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-scikit-learn"));

        var hf = IamFiles.Generate(HuggingFacePipeline, UsEast2);
        Assert.Equal(["arn:aws:ecr:us-east-2:763104351884:repository/huggingface-pytorch-training"], hf.Resources("Demo-job", "EcrPullImages"));
        Assert.Equal(["arn:aws:ecr:us-east-2:763104351884:repository/huggingface-pytorch-inference"], hf.Resources("Demo-inference", "EcrPullImages"));
    }

    [Fact]
    public void Images_in_china_and_govcloud_use_their_partition()
    {
        var cn = IamFiles.Generate(XgboostPipeline, ProjectOptions.Default with { Region = "cn-north-1", Partition = "aws-cn" });
        Assert.Equal(
            ["arn:aws-cn:ecr:cn-north-1:390948362332:repository/linear-learner", "arn:aws-cn:ecr:cn-north-1:450853457545:repository/sagemaker-xgboost"],
            cn.Resources("Demo-job", "EcrPullImages"));
        var definition = TestProject.Generate(XgboostPipeline, ProjectOptions.Default with { Region = "cn-north-1", Partition = "aws-cn" }).Definition();
        Assert.Equal("450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:0.90-1-cpu-py3", (string)Step(definition, "Prep")["Arguments"]!["AppSpecification"]!["ImageUri"]!);
    }

    // ---- bad input: exact spans --------------------------------------------------------------------------

    [Fact]
    public void Unknown_python_version_is_reported_at_PythonVersion()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Framework("pytorch", "2.1.0", {|SGW011:PythonVersion = "py27"|}), Instance("ml.g5.xlarge")]
            [Code("scripts/train.py")]
            public sealed class Train;
            """);
        Assert.Equal("The pytorch 2.1.0 image has no Python version 'py27'; use one of: py310", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void A_missing_python_version_where_there_are_several_is_reported_at_the_attribute()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [{|SGW011:Framework("pytorch", "1.6.0")|}, Instance("ml.g5.xlarge")]
            [Code("scripts/train.py")]
            public sealed class Train;
            """);
        Assert.Equal("The pytorch 1.6.0 image needs a PythonVersion; use one of: py3, py36", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void A_gpu_instance_for_a_cpu_only_image_is_reported_at_the_instance_type()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Framework("sklearn", "1.2-1"), Instance({|SGW011:"ml.g4dn.xlarge"|})]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;
            """);
        Assert.Equal("The sklearn 1.2-1 image has no gpu variant for instance type 'ml.g4dn.xlarge'; its processors are: cpu", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void An_instance_type_from_a_parameter_cannot_pick_the_processor()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [{|SGW011:Framework("pytorch", "2.1.0")|}, Instance(nameof(Demo.InstanceType))]
            [Code("scripts/train.py")]
            public sealed class Train;
            """);
        Assert.Equal("The pytorch 2.1.0 image depends on the processor (cpu, gpu): give the instance type as text so the processor can be picked", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void A_model_without_InstanceType_cannot_pick_the_processor_and_a_bad_one_is_reported_there()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [CreateModelStep(typeof(Demo))]
            [{|SGW011:Framework("pytorch", "2.1.0")|}]
            public sealed class A;

            [CreateModelStep(typeof(Demo))]
            [Framework("xgboost", "1.7-1", {|SGW011:InstanceType = "ml.trn1.2xlarge"|})]
            public sealed class B;
            """);
        Assert.Equal(
            [
                "The pytorch 2.1.0 image depends on the processor (cpu, gpu): give the instance type as text so the processor can be picked",
                "Trainium instances (ml.trn1.2xlarge) run only the pytorch images, not xgboost",
            ],
            diagnostics.Where(d => d.Id == "SGW011").Select(Src.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InstanceType_on_a_job_is_SGW014_at_the_argument()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Framework("xgboost", "1.7-1", {|SGW014:InstanceType = "ml.m5.xlarge"|}), Instance("ml.m5.xlarge")]
            [Code("scripts/train.py")]
            public sealed class Train;
            """);
        Assert.Equal("InstanceType does not apply to training step 'Train'; the processor of a job's image comes from its [Instance]", Src.Single(diagnostics, "SGW014"));
    }

    [Fact]
    public void Huggingface_without_or_with_an_unknown_base_framework()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [{|SGW011:Framework("huggingface", "4.28.1")|}, Instance("ml.g5.xlarge")]
            [Code("scripts/train.py")]
            public sealed class A;

            [TrainingStep(typeof(Demo))]
            [Framework("huggingface", "4.28.1", {|SGW011:BaseFramework = "pytorch1.0"|}), Instance("ml.g5.xlarge")]
            [Code("scripts/train.py")]
            public sealed class B;
            """);
        Assert.Equal(
            [
                "BaseFramework 'pytorch1.0' has no huggingface 4.28.1 image; use one of: pytorch2.0, pytorch2.0.0",
                "Huggingface images need BaseFramework; use one of: pytorch2.0, pytorch2.0.0",
            ],
            diagnostics.Where(d => d.Id == "SGW011").Select(Src.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_version_missing_for_the_scope_is_reported_at_the_version()
    {
        // djl-lmi has only inference images: a training step gets them as the SDK does (one scope), but an unknown version is still wrong.
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Framework("xgboost", {|SGW011:"0.72"|}), Instance("ml.m5.xlarge")]
            public sealed class Train;
            """);
        Assert.StartsWith("Xgboost version '0.72' has no SageMaker training image; use one of: 1, 0.90-1, 0.90-2, 1.0-1,", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }
}
