namespace Sagewright.Model.Resolution;

/// <summary>Every value of a step that becomes part of its definition, in declaration order: the job's settings, then
/// the kind's body. A reference among them is a data dependency (<see cref="DependencyResolver"/>).
/// Left out on purpose, because they never reach the definition as values: IAM scopes (<c>[Within]</c>,
/// <c>[Grant]</c>), KMS keys (<c>[Encryption]</c>, written as text), and tuning ranges' categorical values and
/// warm-start parents (text only; a reference there is reported). <c>StepValuesTests</c> fails when a new
/// <see cref="ValueSource"/> member of a step is in neither list.</summary>
internal static class StepValues
{
    public static IEnumerable<ValueSource> Of(StepDecl step)
    {
        var values = new List<ValueSource>();
        void Add(ValueSource? value)
        {
            if (value is not null)
            {
                values.Add(value);
            }
        }

        Add(step.Job.Image);
        Add(step.Job.Instance?.Type);
        Add(step.Job.Instance?.CountValue);
        Add(step.Job.Instance?.VolumeSizeValue);
        Add(step.Job.MaxRuntimeValue);
        values.AddRange(step.Job.Environment.Select(e => e.Value));
        values.AddRange(step.Job.ContainerArguments);
        values.AddRange(step.Job.Inputs.Select(i => i.Source));
        foreach (var output in step.Job.Outputs)
        {
            Add(output.Destination);
        }

        values.AddRange(step.Job.Channels.Select(c => c.Source));
        values.AddRange(step.Job.HyperParameters.Select(h => h.Value));
        Add(step.Job.ModelOutput);
        Add(step.Job.Spot?.CheckpointS3Uri);
        switch (step.Body)
        {
            case ConditionBody condition:
                foreach (var decl in condition.Conditions.Concat(condition.Named))
                {
                    Add(decl.Left);
                    Add(decl.Right);
                    values.AddRange(decl.Values);
                }

                break;
            case FailBody fail:
                values.AddRange(fail.Parts);
                break;
            case ExternalStepBody external:
                values.AddRange(external.Inputs.Select(i => i.Value));
                break;
            case RegisterModelBody register:
                Add(register.Group);
                Add(register.ModelData);
                Add(register.ApprovalValue);
                foreach (var property in register.CustomerMetadata)
                {
                    Add(property.Reference);
                }

                values.AddRange(register.ContentTypes);
                values.AddRange(register.ResponseTypes);
                values.AddRange(register.InferenceInstances);
                values.AddRange(register.TransformInstances);
                Add(register.Metrics?.Output);
                values.AddRange(register.DriftBaselines.Select(d => d.Source));
                break;
            case ModelBody model:
                Add(model.ModelData);
                break;
            case TransformBody transform:
                Add(transform.ModelName);
                Add(transform.Input?.Source);
                Add(transform.Output?.Destination);
                break;
        }

        return values;
    }
}
