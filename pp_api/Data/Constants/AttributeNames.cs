namespace PpApi.Data.Constants;

/// <summary>
/// Attribute names that several tables share. Kept in one place because the Python services
/// and the CloudFormation templates depend on the exact spelling.
/// </summary>
public static class AttributeNames
{
    public const string TenantId = "tenant_id";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";

    /// <summary>The attribute configured as the DynamoDB TTL attribute on the sessions table.</summary>
    public const string ExpiresAt = "expires_at";
}
