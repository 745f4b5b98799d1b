#nullable enable
using System.Collections.Generic;
using System.Linq;
using PpApi.Data;
using PpApi.Domain;
using PpApi.Domain.Enums;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="Strategy"/> to and from <see cref="StrategyDataModel"/>.</summary>
public static class StrategyMapper
{
    public static Strategy ToDomain(StrategyDataModel model)
    {
        var alignment = model.StrategicAlignment;
        var strategy = new Strategy(model.StrategyId, model.TenantId, model.Title, AuditMapper.AsUtc(model.PeriodStart), AuditMapper.ToDomain(model))
        {
            Status = EnumMapper.ToDomain(model.Status),
            Vision = alignment?.Vision,
            Mission = alignment?.Mission,
            Budget = model.Budget,
            ReviewCadenceDays = model.ReviewCadenceDays,
            PeriodEnd = AuditMapper.AsUtc(model.PeriodEnd),
            ApprovedAt = AuditMapper.AsUtc(model.ApprovedAt),
            ApprovedBy = model.ApprovedBy,
        };
        strategy.Restore(alignment?.CoreValues ?? new List<string>(), model.GoalIds ?? new List<string>());
        return strategy;
    }

    public static StrategyDataModel ToDataModel(Strategy strategy)
    {
        var model = new StrategyDataModel
        {
            TenantId = strategy.TenantId,
            StrategyId = strategy.Id,
            Title = strategy.Title,
            Status = EnumMapper.ToData(strategy.Status),
            GoalIds = strategy.GoalIds.ToList(),
            Budget = strategy.Budget,
            ReviewCadenceDays = strategy.ReviewCadenceDays,
            PeriodStart = strategy.PeriodStart,
            PeriodEnd = strategy.PeriodEnd,
        };

        if (strategy.Vision != null || strategy.Mission != null || strategy.CoreValues.Count > 0)
        {
            model.StrategicAlignment = new StrategyDataModel.Alignment
            {
                Vision = strategy.Vision,
                Mission = strategy.Mission,
                CoreValues = strategy.CoreValues.ToList(),
            };
        }

        if (strategy.Status == StrategyStatus.Approved && strategy.ApprovedAt.HasValue && strategy.ApprovedBy != null)
        {
            model.Approve(strategy.ApprovedBy, strategy.ApprovedAt.Value);
        }

        AuditMapper.CopyTo(strategy.Audit, model);
        return model;
    }
}
