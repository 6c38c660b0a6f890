using System.Reflection;
using Microsoft.CodeAnalysis;
using Sagewright.Model;
using Sagewright.Model.Compilation;
using Sagewright.Model.Graph;
using Sagewright.Model.Pipeline;
using Sagewright.Model.Resolution;
using Sagewright.Model.Validation;
using Sagewright.Tests.Flow;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Model;

/// <summary>Resolution builds the graph every later pass reads: the dependency edges, and each step's job settings
/// only where its kind takes them.</summary>
public class GraphResolutionTests
{
    private static readonly BuildSettings Settings = new("123456789012", "us-east-1", "aws", null);

    private static (PipelineGraph Graph, List<Finding> Findings) Resolve(string source)
    {
        var compilation = TestProject.Compilation(source);
        var binder = new Sagewright.Compiler.Binding.Binder(compilation, CancellationToken.None);
        var types = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>().ToList();
        var pipeline = types.Select(binder.BindPipeline).Single(p => p is not null)!;
        var steps = types.Select(binder.BindStep).Where(s => s is not null).Select(s => s!).OrderBy(s => s.TypeName, StringComparer.Ordinal).ToList();
        var sink = new FindingSink(pipeline, steps, Settings);
        return (GraphResolver.Resolve(pipeline, steps, [], Settings, [], null, sink), sink.Findings);
    }

    [Fact]
    public void Edges_come_from_every_kind_of_reference()
    {
        var (graph, _) = Resolve(FlowGeneratorTests.Pipeline);

        Assert.Equal(
            [
                "Check <- Evaluate", // [GreaterThanOrEqualTo] reads Evaluate's property file through [JsonGet]
                "Evaluate <- Train", // [Input(typeof(Train))]: the model artifacts
                "Publish <- Check", // a branch step runs after its condition
                "Publish <- Train",
                "TooLow <- Check",
                "TooLow <- Evaluate", // [ErrorMessage] reads the property file too
            ],
            graph.Edges.Select(e => e.Consumer + " <- " + e.Producer));
    }

    [Fact]
    public void An_edge_keeps_where_the_dependency_is_written()
    {
        var (graph, _) = Resolve(FlowGeneratorTests.Pipeline);

        var check = graph.Edges.Single(e => e.Consumer == "Check");
        Assert.Equal("Check", check.Origin.Type);
        Assert.Equal(1, check.Origin.Attribute); // [GreaterThanOrEqualTo], which uses nameof(Evaluate.Auc), after [ConditionStep]
        var branch = graph.Edges.Single(e => e.Consumer == "TooLow" && e.Producer == "Check");
        Assert.Equal("Check", branch.Origin.Type); // [ElseSteps(typeof(TooLow))] on the condition
    }

    [Fact]
    public void A_reference_that_does_not_resolve_is_no_edge()
    {
        var source = FlowGeneratorTests.Pipeline.Replace("[Input(typeof(Train), \"/opt/ml/processing/model\")]\npublic sealed class Publish;", "[Input(typeof(Check), \"/opt/ml/processing/model\")]\npublic sealed class Publish;");
        Assert.NotEqual(FlowGeneratorTests.Pipeline, source);

        var (graph, _) = Resolve(source);

        // A condition step has no model artifacts: the pass that writes the input reports it, and no edge is made.
        Assert.DoesNotContain(graph.Edges, e => e.Consumer == "Publish" && e.Producer == "Train");
        Assert.Single(graph.Edges, e => e.Consumer == "Publish" && e.Producer == "Check"); // the branch edge only
    }

    [Fact]
    public void A_step_that_runs_no_job_has_no_job_settings_in_the_graph()
    {
        var source = FlowGeneratorTests.Pipeline.Replace("[FailStep(typeof(Demo))]", "[FailStep(typeof(Demo))]\n[Instance(\"ml.m5.large\")]");

        var (graph, findings) = Resolve(source);

        var fail = graph.Steps.Single(s => s.TypeName == "TooLow");
        Assert.Same(JobDecl.None, fail.Job);
        var finding = Assert.Single(findings, f => f.Id == RuleIds.AttributeNotApplicable);
        Assert.Equal(["[Instance]", "fail step", "TooLow", "it is for processing or training steps"], finding.Arguments);
    }

    [Fact]
    public void A_job_keeps_only_the_settings_its_kind_takes()
    {
        var source = FlowGeneratorTests.Pipeline.Replace(
            "[Image(\"123456789012.dkr.ecr.us-east-1.amazonaws.com/publish:1.0\"), Instance(\"ml.m5.large\")]",
            "[Image(\"123456789012.dkr.ecr.us-east-1.amazonaws.com/publish:1.0\"), Instance(\"ml.m5.large\"), Spot, HyperParameter(\"epochs\", \"3\")]");

        var (graph, findings) = Resolve(source);

        var publish = graph.Steps.Single(s => s.TypeName == "Publish").Job;
        Assert.Null(publish.Spot);
        Assert.True(publish.HyperParameters.IsEmpty);
        Assert.NotNull(publish.Instance);
        Assert.Equal(
            ["[HyperParameter]: it is for training steps", "[Spot]: it is for training steps; processing jobs always run on on-demand capacity"],
            findings.Where(f => f.Id == RuleIds.AttributeNotApplicable).Select(f => f.Arguments[0] + ": " + f.Arguments[3]).OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void Values_are_resolved_to_what_they_stand_for()
    {
        var (graph, _) = Resolve(FlowGeneratorTests.Pipeline);

        var values = graph.Values.ToLookup(v => v.StepType ?? "(pipeline)", v => v.Value);
        var input = Assert.IsType<StepPropertyValue>(Assert.Single(values["Evaluate"], v => v is StepPropertyValue));
        Assert.Equal(("Train", StepRead.ModelArtifacts, "ModelArtifacts.S3ModelArtifacts"), (input.StepName, input.Read, input.Path));

        // [GreaterThanOrEqualTo(nameof(Evaluate.Auc), nameof(Demo.AucThreshold))]: a [JsonGet] and a Float parameter.
        var check = values["Check"].ToList();
        var auc = Assert.IsType<ExpressionValue>(check[0]);
        Assert.Equal(new JsonGetValue("Evaluate", "Evaluate", "EvaluationReport", "metrics.auc.value", auc.Origin), auc.Value);
        var threshold = Assert.IsType<ParameterValue>(check[1]);
        Assert.Equal(("AucThreshold", ParameterType.Float), (threshold.Parameter.Name, threshold.Parameter.Type));

        // The training step's [ModelOutput] is a [Join] of text and the execution ID.
        var modelPath = Assert.Single(values["Train"].OfType<ExpressionValue>());
        var join = Assert.IsType<JoinValue>(modelPath.Value);
        Assert.Equal("/", join.Separator);
        Assert.IsType<LiteralValue>(join.Parts[0]);
        Assert.Equal("PipelineExecutionId", Assert.IsType<ExecutionValue>(join.Parts[1]).Variable);
    }

    [Fact]
    public void A_reference_that_does_not_resolve_carries_its_finding_for_the_pass_that_writes_it()
    {
        var source = FlowGeneratorTests.Pipeline.Replace("[Input(typeof(Train), \"/opt/ml/processing/model\")]\npublic sealed class Publish;", "[Input(typeof(Check), \"/opt/ml/processing/model\")]\npublic sealed class Publish;");

        var (graph, findings) = Resolve(source);

        var unresolved = Assert.Single(graph.Values.Where(v => v.StepType == "Publish").Select(v => v.Value).OfType<UnresolvedValue>());
        Assert.Equal(new Finding(RuleIds.WrongReferenceKind, unresolved.Origin, "Check", "condition", "has no model artifacts", "only training and tuning steps do"), unresolved.Problem);
        Assert.DoesNotContain(findings, f => f.Id == RuleIds.WrongReferenceKind); // resolution reports nothing itself
        Assert.DoesNotContain(graph.Edges, e => e.Consumer == "Publish" && e.Producer != "Check"); // and makes no edge of it

        // The pass that writes the input reports it, once, at the argument.
        var written = TestProject.Analyze(source).Where(d => d.Id == RuleIds.WrongReferenceKind).ToList();
        Assert.Single(written);
    }

    /// <summary>Every value a step declares is either walked for dependencies (<see cref="StepValues"/>) or left out for
    /// a stated reason; a new <see cref="ValueSource"/> member must be put in one of the two lists.</summary>
    [Fact]
    public void Every_value_of_a_step_is_walked_or_left_out_on_purpose()
    {
        string[] walked =
        [
            "JobDecl.Image", "InstanceDecl.Type", "NamedValue.Value", "JobDecl.ContainerArguments", "InputDecl.Source",
            "OutputDecl.Destination", "ChannelDecl.Source", "JobDecl.ModelOutput", "SpotDecl.CheckpointS3Uri",
            "ConditionDecl.Left", "ConditionDecl.Right", "ConditionDecl.Values", "FailBody.Parts", "StepInputDecl.Value",
            "RegisterModelBody.Group", "RegisterModelBody.ModelData", "RegisterModelBody.ContentTypes",
            "RegisterModelBody.ResponseTypes", "RegisterModelBody.InferenceInstances", "RegisterModelBody.TransformInstances",
            "ModelMetricsDecl.Output", "DriftBaselineDecl.Source", "ModelBody.ModelData", "TransformBody.ModelName",
            "TransformInputDecl.Source", "TransformOutputDecl.Destination",
            "InstanceDecl.CountValue", "InstanceDecl.VolumeSizeValue", "JobDecl.MaxRuntimeValue", "RegisterModelBody.ApprovalValue", "TagDecl.Reference",
        ];
        string[] leftOut =
        [
            "ConditionDecl.Children", // names of other conditions of the same step
            "RangeDecl.Values", "WarmStartDecl.Parents", // text only; a reference there is reported
            "OutputParameterDecl.Within", "ExpressionDecl.Within", "GrantDecl.Action", "GrantDecl.Resources", // IAM scopes
            "EncryptionDecl.OutputKmsKeyId", "EncryptionDecl.VolumeKmsKeyId", // KMS keys, written as text
            "ExpressionDecl.Values", "ValueSource.Parts", // followed through the reference that uses them
        ];

        var found = ValueMembers(typeof(StepDecl)).OrderBy(m => m, StringComparer.Ordinal).ToList();

        Assert.Equal(walked.Concat(leftOut).OrderBy(m => m, StringComparer.Ordinal), found);
    }

    private static IEnumerable<string> ValueMembers(Type root)
    {
        var model = typeof(StepDecl).Assembly;
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        var members = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var derived in model.GetTypes().Where(t => t.BaseType == type))
            {
                queue.Enqueue(derived); // StepBody → its kinds
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var element = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(EquatableArray<>)
                    ? propertyType.GetGenericArguments()[0]
                    : propertyType;
                if (element == typeof(ValueSource))
                {
                    members.Add(type.Name + "." + property.Name);
                }

                if (element.Assembly == model && element.Namespace == typeof(StepDecl).Namespace && (element.IsClass || element.IsAbstract))
                {
                    queue.Enqueue(element);
                }
            }
        }

        return members;
    }
}
