// corpus: modelled on Innovtt/Innovt.Platform@8ae1c4725ee902ed83441b27cb08c373e4e4df92:src/ConsoleAppTest/DataModels/UserDataModel.cs; written for schema_sync, not copied
namespace ConsoleAppTest.Domain;

public class ContactInfo
{
    public string Kind { get; set; }
    public string Value { get; set; }
    public bool Preferred { get; set; }
}
