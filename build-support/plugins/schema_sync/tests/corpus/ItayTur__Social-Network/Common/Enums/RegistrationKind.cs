// corpus: modelled on ItayTur/Social-Network@33b1064b8d55ed663dbd352a80808c83a15a84cf:IdentityServer/Common/Models/UserModel.cs; written for schema_sync, not copied
namespace Common.Enums
{
    public enum RegistrationKind
    {
        Email = 1,
        Facebook = 2,
    }
}
