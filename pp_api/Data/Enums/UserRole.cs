namespace PpApi.Data.Enums;

/// <summary>Role of a user within a tenant.</summary>
public enum UserRole
{
    Member = 0,
    Manager = 1,
    Admin = 2,
    Owner = 3,
}
