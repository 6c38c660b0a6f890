// The namespaces nearly every file of the model uses: the passes, the graph, the declarations, the JSON writer
// and the validation tables.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using Sagewright.Model.Compilation;
global using Sagewright.Model.Graph;
global using Sagewright.Model.Json;
global using Sagewright.Model.Pipeline;
global using Sagewright.Model.Validation;
