using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;
using Sagewright.Compiler.Binding;
using Sagewright.Compiler.Diagnostics;

namespace Sagewright.Compiler.Analyzers;

/// <summary>Reports the pipeline findings (SGW0xx and the rules the compiler checks) at the attribute
/// arguments they are about. Each Sagewright-attributed type reports its own share from a symbol action, so the
/// diagnostics also appear live in the IDE: a pipeline and its steps report what compiling that pipeline found (each
/// pipeline is bound and compiled once per compilation, with the action's cancellation token), a step attached to no
/// pipeline reports SGW008. An internal failure in one pipeline is SGW012 on that pipeline only.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeNames.PipelineMetadataName) is null)
            {
                return; // Sagewright.Annotations is not referenced.
            }

            var analysis = new PipelineAnalysis(start.Compilation, start.Options);
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (!type.GetAttributes().Any(a => AttributeNames.Of(a.AttributeClass) is not null))
                    {
                        return;
                    }

                    foreach (var diagnostic in analysis.DiagnosticsFor(type, symbolContext.CancellationToken))
                    {
                        symbolContext.ReportDiagnostic(diagnostic);
                    }
                },
                SymbolKind.NamedType);
        });
    }
}
