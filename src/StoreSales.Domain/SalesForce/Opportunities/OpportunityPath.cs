using System.Collections.Immutable;

namespace StoreSales.Domain.SalesForce.Opportunities;

/// <summary>The stages of one product line in order (lead first), with the configured default limits filled in.</summary>
public sealed record OpportunityPath(string ProductLine, ImmutableArray<OpportunityStage> Stages)
{
    public OpportunityStage First => Stages[0];

    /// <summary>The stage named <paramref name="name"/>, or null when the path has none.</summary>
    public OpportunityStage? Find(string name)
    {
        foreach (var stage in Stages)
        {
            if (string.Equals(stage.Name, name, StringComparison.Ordinal))
            {
                return stage;
            }
        }

        return null;
    }

    /// <summary>The stage after <paramref name="stage"/>, or null at the last.</summary>
    public OpportunityStage? Next(OpportunityStage stage) => stage.Index + 1 < Stages.Length ? Stages[stage.Index + 1] : null;
}
