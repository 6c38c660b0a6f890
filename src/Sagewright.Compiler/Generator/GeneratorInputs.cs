using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Sagewright.Compiler.Binding;

namespace Sagewright.Compiler.Generator;

/// <summary>A bound [Pipeline] class, or the failure that stopped it from binding (SGW012).</summary>
/// <param name="TypeName">The metadata name.</param>
/// <param name="Name">The pipeline name, as far as it could be read.</param>
/// <param name="Declarations">The declarations of the generated partial part, outermost type first
/// (<c>partial class Outer&lt;T&gt;</c>), with escaped names.</param>
internal sealed record PipelineInput(PipelineDecl? Pipeline, string TypeName, string Name, string Namespace, EquatableArray<string> Declarations, string? Failure)
{
    public static PipelineInput Bind(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var typeName = Binder.MetadataName(type);
        var declarations = PartialDeclarations(type);
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? EscapedNamespace(containing) : string.Empty;
        try
        {
            var pipeline = new Binder(compilation, cancellationToken).BindPipeline(type);
            return new PipelineInput(pipeline, typeName, pipeline?.Name ?? NameOf(type), ns, declarations, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new PipelineInput(null, typeName, NameOf(type), ns, declarations, Failures.Describe(ex));
        }
    }

    /// <summary>The name written in <c>[Pipeline("...")]</c>, read as simply as possible (for a pipeline whose binding failed).</summary>
    internal static string NameOf(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (AttributeNames.Of(attribute.AttributeClass) == AttributeNames.Pipeline)
            {
                return attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string name ? name : type.Name;
            }
        }

        return type.Name;
    }

    private static EquatableArray<string> PartialDeclarations(INamedTypeSymbol type)
    {
        var chain = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var typeParameters = current.TypeParameters.IsEmpty
                ? string.Empty
                : "<" + string.Join(", ", current.TypeParameters.Select(p => Escape(p.Name))) + ">";
            chain.Add("partial class " + Escape(current.Name) + typeParameters);
        }

        chain.Reverse();
        return chain.ToEquatableArray();
    }

    private static string EscapedNamespace(INamespaceSymbol ns)
    {
        var parts = new List<string>();
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            parts.Add(Escape(current.Name));
        }

        parts.Reverse();
        return string.Join(".", parts);
    }

    /// <summary>An identifier as C# source: a keyword gets its <c>@</c>.</summary>
    internal static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
}

/// <summary>A bound step class, or the failure that stopped it from binding (its pipeline then fails with SGW012).</summary>
internal sealed record StepInput(StepDecl? Step, string TypeName, string? PipelineType, string? Failure)
{
    public static StepInput Bind(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var typeName = Binder.MetadataName(type);
        try
        {
            var step = new Binder(compilation, cancellationToken).BindStep(type);
            return new StepInput(step, typeName, step?.PipelineType, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new StepInput(null, typeName, Binder.PipelineTypeOf(type), Failures.Describe(ex));
        }
    }
}

/// <summary>A bound [Endpoint] class, or the failure that stopped it from binding (its pipeline then fails with SGW012).</summary>
internal sealed record EndpointInput(EndpointDecl? Endpoint, string TypeName, string? PipelineType, string? Failure)
{
    public static EndpointInput Bind(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var typeName = Binder.MetadataName(type);
        try
        {
            var endpoint = new Binder(compilation, cancellationToken).BindEndpoint(type);
            return new EndpointInput(endpoint, typeName, endpoint?.PipelineType, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new EndpointInput(null, typeName, Binder.EndpointPipelineTypeOf(type), Failures.Describe(ex));
        }
    }
}

/// <summary>Internal failures, as the one line SGW012 and the build task show.</summary>
internal static class Failures
{
    public static string Describe(Exception exception)
    {
        var message = exception.Message ?? string.Empty;
        var end = message.IndexOfAny(new[] { '\r', '\n', '\u0085', '\u2028', '\u2029' });
        if (end >= 0)
        {
            message = message.Substring(0, end);
        }

        if (message.Length > 200)
        {
            message = message.Substring(0, 200) + "…";
        }

        return exception.GetType().FullName + ": " + message;
    }
}
