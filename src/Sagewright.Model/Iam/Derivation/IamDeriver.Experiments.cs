namespace Sagewright.Model.Iam.Derivation;

/// <summary>SageMaker Experiments tracking (<c>PipelineExperimentConfig</c>): the pipeline role creates the experiment
/// and the trial of each execution when they do not exist, and adds each job's run to the trial.</summary>
internal sealed partial class IamDeriver
{
    private const string ExperimentsSource = "developer guide, Amazon SageMaker Experiments Integration (pipelines-experiments.html): the experiment and the run group (trial) \"are created if they don't exist\", and a run (trial component) is added to the run group for each job; actions and ARN formats from the Service Authorization Reference (Amazon SageMaker AI)";

    /// <summary>The job kinds SageMaker records as trial components named <c>&lt;job name&gt;-aws-&lt;kind&gt;</c>.</summary>
    private static readonly StepKind[] TrackedJobKinds = { StepKind.Processing, StepKind.Training, StepKind.Transform };

    private void DeriveExperiments(RoleBuilder pipelineRole)
    {
        if (!Pipeline.ExperimentTracking)
        {
            return;
        }

        var experimentNotes = NewNotes();
        var experiments = ExperimentEntityNames(Pipeline.ExperimentName, "PipelineName", experimentNotes);
        var trialNotes = NewNotes();
        var trials = ExperimentEntityNames(Pipeline.TrialName, "PipelineExecutionId", trialNotes);
        const string tracked = "the pipeline tracks its executions in SageMaker Experiments (PipelineExperimentConfig, on by default; [Pipeline(ExperimentTracking = false)] turns it off)";

        var experiment = pipelineRole.Statement("SageMakerExperiment")
            .Allow("sagemaker:CreateExperiment", "sagemaker:CreateTrial", "sagemaker:DescribeExperiment")
            .Note("Source: " + ExperimentsSource + "; CreateTrial is authorized on the trial and on its experiment.");
        foreach (var name in experiments)
        {
            experiment.On(SageMakerArn("experiment/" + name), Reason(tracked + ": SageMaker Pipelines creates the experiment when it does not exist and adds each execution's trial to it", experimentNotes));
        }

        var trial = pipelineRole.Statement("SageMakerExperimentTrials")
            .Allow("sagemaker:CreateTrial", "sagemaker:DescribeTrial")
            .Note("Source: " + ExperimentsSource + ".");
        var jobs = Steps.Where(s => Array.IndexOf(TrackedJobKinds, s.Kind) >= 0).Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (jobs.Count > 0)
        {
            trial.Allow("sagemaker:AssociateTrialComponent");
        }

        foreach (var name in trials)
        {
            trial.On(SageMakerArn("experiment-trial/" + name), Reason(tracked + ": SageMaker Pipelines creates each execution's trial (run group) when it does not exist"
                + (jobs.Count > 0 ? " and adds the run of each job to it" : string.Empty), trialNotes));
        }

        if (trials.Any(IamNames.HasWildcard))
        {
            trial.Note("Wider than ideal: the trial is named at run time (by default the execution ID), so the statement allows trials of any name in this account and region; IAM offers no condition key that ties a trial to the pipeline. Name the trial in source ([Pipeline(TrialName = …)]) to narrow it.");
        }

        if (jobs.Count > 0)
        {
            pipelineRole.Statement("SageMakerExperimentTrialComponents")
                .Allow("sagemaker:AssociateTrialComponent")
                .On(SageMakerArn("experiment-trial-component/" + PipelineJobs), tracked + ": SageMaker Pipelines adds the run SageMaker records for the job of each of steps "
                    + string.Join(", ", jobs.Select(j => "`" + j + "`")) + " to the execution's trial")
                .Note("`pipelines-*`: SageMaker names the trial component of a job `<job name>-aws-<kind>` (`…-aws-training-job`), and SageMaker Pipelines names its jobs `pipelines-…`.")
                .Note("Source: " + ExperimentsSource + ".");
        }
    }

    /// <summary>The names an experiment or trial name stands for in ARNs (as written and lower-cased: SageMaker may
    /// report names in ARNs in lower case): a literal, each value of a parameter, the pipeline's name, or <c>*</c> for a
    /// value known only at run time.</summary>
    private IReadOnlyList<string> ExperimentEntityNames(ValueSource? value, string defaultVariable, SortedSet<string> notes)
    {
        IReadOnlyList<string> names;
        var variable = value is null ? defaultVariable : value.Kind == ValueKind.Execution ? value.TargetMember : null;
        if (variable == "PipelineName")
        {
            names = new[] { Pipeline.Name };
            notes.Add("named after the pipeline (`Execution.PipelineName`)");
        }
        else if (value is { IsLiteral: true })
        {
            names = new[] { value.Text };
        }
        else if (value is { Kind: ValueKind.Parameter } && Index.ParametersByMember.TryGetValue(value.TargetMember ?? string.Empty, out var parameter))
        {
            names = ParameterValues(parameter);
            notes.Add(names.Count == 1
                ? "resolved from the default of parameter `" + parameter.Name + "` (`" + parameter.DefaultValue + "`); an execution that passes another value needs that name granted too"
                : "resolved from each allowed value of parameter `" + parameter.Name + "`");
        }
        else
        {
            names = new[] { "*" };
            notes.Add("`*` stands for " + (variable is null ? "a name known only at run time" : "`Execution." + variable + "`, known only at run time"));
        }

        return names.SelectMany(CaseVariants).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }
}
