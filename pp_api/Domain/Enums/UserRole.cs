namespace PpApi.Domain.Enums;

/// <summary>Role of a user within a tenant, in ascending order of privilege.</summary>
public enum UserRole
{
    Member,
    Manager,
    Admin,
    Owner,
}
