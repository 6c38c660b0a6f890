namespace Sagewright.Model.Emit.Steps;

/// <summary>Fail steps: the error message.</summary>
internal sealed class FailStepEmitter(PipelineCompilation compilation) : CompilerPass(compilation)
{
    internal JsonObject BuildFail(StepDecl step, FailBody body)
    {
        var arguments = new JsonObject();
        if (body.Parts.IsEmpty)
        {
            return arguments;
        }

        if (body.Parts.Count == 1 && (body.Parts[0].IsLiteral || TypeOf(body.Parts[0]) == ParameterType.String))
        {
            // One piece of text (or one text-valued reference, such as a [Join]) is the message as it is.
            return arguments.Add("ErrorMessage", ResolveValue(step, body.Parts[0], null, "the error message", s3: false));
        }

        // Each part is converted to text, as the SDK's to_string() does for non-string values.
        var values = body.Parts.Select(p => p.IsLiteral || TypeOf(p) == ParameterType.String
            ? ResolveValue(step, p, null, "a part of the error message", s3: false)
            : Join(string.Empty, ResolveValue(step, p, null, "a part of the error message", s3: false)));
        return arguments.Add("ErrorMessage", Join(string.Empty, values.ToArray()));
    }
}
