#nullable enable
using System.Collections.Generic;
using System.Linq;
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="Tenant"/> to and from <see cref="TenantDataModel"/>.</summary>
public static class TenantMapper
{
    public static Tenant ToDomain(TenantDataModel model)
    {
        var tenant = new Tenant(model.TenantId, model.Name ?? string.Empty, model.Slug ?? string.Empty, AuditMapper.ToDomain(model))
        {
            Plan = EnumMapper.ToDomain(model.Plan),
            SeatLimit = model.SeatLimit,
            IsActive = model.IsActive,
            BillingAnchor = model.BillingAnchor,
            Version = model.Version,
        };

        foreach (var setting in model.Settings ?? new Dictionary<string, string>())
        {
            tenant.SetSetting(setting.Key, setting.Value);
        }

        return tenant;
    }

    public static TenantDataModel ToDataModel(Tenant tenant)
    {
        var model = new TenantDataModel
        {
            TenantId = tenant.Id,
            Name = tenant.Name,
            Slug = tenant.Slug,
            Plan = EnumMapper.ToData(tenant.Plan),
            SeatLimit = tenant.SeatLimit,
            IsActive = tenant.IsActive,
            BillingAnchor = tenant.BillingAnchor,
            Settings = tenant.Settings.ToDictionary(e => e.Key, e => e.Value),
            Version = tenant.Version,
        };
        AuditMapper.CopyTo(tenant.Audit, model);
        return model;
    }
}
