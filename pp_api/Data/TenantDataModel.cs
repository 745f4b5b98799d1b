using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Converters;
using PpApi.Data.Enums;

namespace PpApi.Data
{
    /// <summary>
    /// A customer organisation, stored in the <c>tenants</c> table.
    /// </summary>
    [DynamoDBTable(TableNames.Tenants)]
    public class TenantDataModel : BaseDataModel
    {
        /// <summary>Tenant id (partition key), stored as a lowercase GUID string.</summary>
        [DynamoDBHashKey(AttributeNames.TenantId)]
        public Guid TenantId { get; set; } = Guid.NewGuid();

        /// <summary>Organisation name.</summary>
        [DynamoDBProperty("name")]
        public string Name { get; set; }

        /// <summary>URL-safe unique short name.</summary>
        [DynamoDBProperty("slug")]
        public string Slug { get; set; }

        /// <summary>Billing plan.</summary>
        [DynamoDBProperty("plan")]
        public SubscriptionPlan Plan { get; set; } = SubscriptionPlan.Free;

        /// <summary>Maximum number of active users.</summary>
        [DynamoDBProperty("seat_limit")]
        public long SeatLimit { get; set; } = 5;

        /// <summary>False once the tenant is suspended or has churned.</summary>
        [DynamoDBProperty("is_active")]
        public bool IsActive { get; set; } = true;

        /// <summary>
        /// Day and time, in the tenant's own offset, from which billing periods are counted.
        /// </summary>
        [DynamoDBProperty("billing_anchor", typeof(DateTimeOffsetConverter))]
        public DateTimeOffset BillingAnchor { get; set; }

        /// <summary>Tenant-level settings (feature toggles, locale, ...).</summary>
        [DynamoDBProperty("settings")]
        public Dictionary<string, string> Settings { get; set; } = new Dictionary<string, string>();

        /// <summary>Optimistic-locking counter maintained by the SDK.</summary>
        [DynamoDBVersion]
        public long? Version { get; set; }
    }
}
