using System.Text;
using Sagewright.Model.Emit;
using Sagewright.Model.Emit.Steps;
using Sagewright.Model.Iam.Derivation;
using Sagewright.Model.Resolution;
using Sagewright.Model.Rules;

namespace Sagewright.Model.Compilation;

/// <summary>One compilation of one resolved pipeline: runs the passes over its <see cref="PipelineGraph"/> in order
/// (validation, the definition emitter, the rules, the IAM deriver), then orders the steps and writes the files if
/// nothing was an error. Holds what the passes share while they run: the findings, and the branch arrays and code
/// objects the emitters record.</summary>
internal sealed class PipelineCompilation
{
    public PipelineCompilation(PipelineGraph graph, FindingSink sink)
    {
        Graph = graph;
        Sink = sink;
        Index = new GraphIndex(graph);
        References = new ReferenceResolver(graph.Pipeline, Index.StepsByType, graph.ForeignSteps);
        Values = new ValueResolver(this);
        Expressions = new ExpressionResolver(this);
        Jobs = new JobSettingsEmitter(this);
        Security = new SecurityEmitter(this);
        StepSettings = new StepSettingsEmitter(this);
        Processing = new ProcessingStepEmitter(this);
        Training = new TrainingStepEmitter(this);
        Tuning = new TuningStepEmitter(this);
        Model = new ModelStepEmitter(this);
        Transform = new TransformStepEmitter(this);
        RegisterModel = new RegisterModelStepEmitter(this);
        Condition = new ConditionStepEmitter(this);
        Fail = new FailStepEmitter(this);
        External = new ExternalStepEmitter(this);
        Steps = new StepEmitter(this);
    }

    public PipelineGraph Graph { get; }

    public GraphIndex Index { get; }

    public FindingSink Sink { get; }

    /// <summary>Condition step (type name) → its IfSteps and ElseSteps arrays, filled with the branch steps' JSON once all are built.</summary>
    public Dictionary<string, (JsonArray If, JsonArray Else)> BranchArrays { get; } = new(StringComparer.Ordinal);

    /// <summary>The code objects the definition reads, recorded by the emitters (<c>artifacts.json</c>).</summary>
    public CodeArtifacts CodeObjects { get; } = new();

    /// <summary>Resolves a value that is not one of the graph's (none today: every value a pass writes is in
    /// <see cref="PipelineGraph.Values"/>); kept so that a pass that writes a new kind of value cannot fail.</summary>
    public ReferenceResolver References { get; }

    public ValueResolver Values { get; }

    public ExpressionResolver Expressions { get; }

    public JobSettingsEmitter Jobs { get; }

    public SecurityEmitter Security { get; }

    public StepSettingsEmitter StepSettings { get; }

    public ProcessingStepEmitter Processing { get; }

    public TrainingStepEmitter Training { get; }

    public TuningStepEmitter Tuning { get; }

    public ModelStepEmitter Model { get; }

    public TransformStepEmitter Transform { get; }

    public RegisterModelStepEmitter RegisterModel { get; }

    public ConditionStepEmitter Condition { get; }

    public FailStepEmitter Fail { get; }

    public ExternalStepEmitter External { get; }

    public StepEmitter Steps { get; }

    /// <param name="writeFiles">False for the analyzer: the checks run and the definition and policies are measured, but
    /// the files only the build writes are not rendered.</param>
    public List<OutputFile> Run(bool writeFiles = true)
    {
        var pipeline = Graph.Pipeline;
        var checks = new PipelineChecks(this);
        var iamChecks = new IamDeclarationChecks(this);
        iamChecks.Run();
        var emitter = new PipelineEmitter(this);
        var parameters = emitter.BuildParameters();
        var experimentConfig = emitter.BuildExperimentConfig();
        var tags = emitter.BuildTags(pipeline.Tags);
        var stepNames = checks.CheckStepNames();
        var stepJson = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var step in Graph.Steps)
        {
            stepJson[step.TypeName] = Steps.BuildStep(step);
        }

        Condition.FillBranches(stepJson);
        checks.CheckFlowQuotas();
        RuleSet.Run(new RuleContext(Graph.Pipeline, Graph.Steps, Graph.Bucket, Graph.Roles.JobRoleArn, Index.RoleArns, Index.RoleOrigins, Graph.Rules, Sink.Report));
        var endpoints = new Endpoints.EndpointEmitter(this);
        endpoints.Check();
        var iam = new IamDeriver(this);
        var roles = iam.DeriveIam();
        checks.CheckStepCount();

        var order = new StepOrder(this).OrderSteps();
        if (Sink.HasErrors || order is null || stepNames is null)
        {
            return new List<OutputFile>();
        }

        var definition = new JsonObject()
            .Add("Version", PipelineCompiler.DefinitionVersion)
            .Add("Metadata", new JsonObject())
            .Add("Parameters", parameters)
            .Add("PipelineExperimentConfig", experimentConfig)
            .Add("Steps", new JsonArray(order.Where(t => !Index.BranchOwner.ContainsKey(t)).Select(t => (JsonValue)stepJson[t])));
        var definitionText = definition.ToJson() + "\n";
        var size = Encoding.UTF8.GetByteCount(definitionText);
        if (size > Quotas.MaxDefinitionBytes)
        {
            // The quota counts the definition as sent: indentation grows with nesting (deep conditions), so a valid
            // pipeline that only its whitespace would push over the quota is written compact.
            definitionText = definition.ToCompactJson() + "\n";
            size = Encoding.UTF8.GetByteCount(definitionText);
        }

        if (size > Quotas.MaxDefinitionBytes)
        {
            Sink.Report(RuleIds.QuotaExceeded, pipeline.Origin.AttributeOnly,
                "The definition of pipeline '" + pipeline.Name + "' is " + PipelineCompiler.Int(size) + " bytes; SageMaker accepts at most " + PipelineCompiler.Int(Quotas.MaxDefinitionBytes));
            return new List<OutputFile>();
        }

        if (!writeFiles)
        {
            return new List<OutputFile>();
        }

        var files = new List<OutputFile>
        {
            new(pipeline.Name + "/pipeline.json", definitionText),
            new(pipeline.Name + "/create-pipeline.json", emitter.BuildCreatePipelineRequest(tags).ToJson() + "\n"),
            new(pipeline.Name + "/update-pipeline.json", emitter.BuildUpdatePipelineRequest().ToJson() + "\n"),
            new(pipeline.Name + "/artifacts.json", CodeObjects.Build(pipeline.Name, Graph.Bucket).ToJson() + "\n"),
        };
        files.AddRange(CodeObjects.Archives(pipeline.Name));
        files.Add(new OutputFile(pipeline.Name + "/" + StackTemplate.FileName, StackTemplate.Build(
            pipeline, Graph.Roles.PipelineRoleArn, Graph.Settings.AccountId ?? string.Empty, tags, definitionText, roles, StackTemplate.ManagedRoleArns(pipeline, Graph.Roles))));
        files.AddRange(iam.IamFiles(roles));
        files.AddRange(endpoints.Files(roles));
        return files;
    }
}
