// The umbrella library: one import gives a client every layer, in the order they build on each
// other; the desk (FlagAuditServing) is a product of its own, imported by the command line.
@_exported import FlagAuditModel
@_exported import FlagAuditLearning
@_exported import FlagAuditTransformer
@_exported import FlagAuditLoading
@_exported import FlagAuditText
@_exported import FlagAuditEngine
@_exported import FlagAuditEvaluation
@_exported import FlagAuditIngest
@_exported import FlagAuditScreening
@_exported import FlagAuditReporting
@_exported import FlagAuditWorkflow
