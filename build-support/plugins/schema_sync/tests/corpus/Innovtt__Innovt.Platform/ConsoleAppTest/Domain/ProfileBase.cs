// corpus: modelled on Innovtt/Innovt.Platform@8ae1c4725ee902ed83441b27cb08c373e4e4df92:src/ConsoleAppTest/DataModels/UserDataModel.cs; written for schema_sync, not copied
using System.Collections.Generic;

namespace ConsoleAppTest.Domain;

public class ProfileBase
{
    public List<ContactInfo> Contacts { get; set; }
    public string Email { get; set; }
}
