using DoiThoai.Api.Infrastructure;

namespace DoiThoai.Api.Security;

/// <summary>What an endpoint does to the unit it touches; every endpoint declares one (GET reads, others operate).</summary>
public enum Access
{
    /// <summary>Reads what the unit's officers and supervisors may see; no personal data in clear.</summary>
    Read,

    /// <summary>Runs the unit's work: schedules, reschedules, cancels sessions, manages its loudspeakers.</summary>
    Operate,

    /// <summary>Sets the rules a unit works under: notice and SMS policies, holiday lists.</summary>
    Govern,

    /// <summary>Sees or changes a person's data: contact details, consent, imports, export, deletion.</summary>
    PersonalData,

    /// <summary>Runs the platform itself: the cluster's silos.</summary>
    Administer,
}

/// <summary>
/// The one place that decides whether a caller may do something to a unit. The national administrator may do
/// everything; a province administrator oversees, governs and operates its province and its communes but does not see
/// residents' personal data; a commune officer works its own commune only, and reaches its residents' personal data
/// only on a token the national administrator issued or an identity from the OpenID provider (no chain of tokens gives
/// a role what its own token may not reach); a viewer reads its province or commune.
/// The country-wide reference data (provinces, holiday lists) is readable by every caller.
/// </summary>
public static class AccessRules
{
    public static bool Allows(Caller caller, UnitScope scope, Access access)
    {
        if (caller.IsNationalAdmin)
        {
            return true;
        }

        if (access == Access.Administer)
        {
            return false;
        }

        if (scope.Level == ScopeLevel.National)
        {
            return access == Access.Read;
        }

        var inProvince = caller.ProvinceCode == scope.ProvinceCode;
        var inCommune = caller.CommuneCode is not null && caller.CommuneCode == scope.CommuneCode;
        return caller.Role switch
        {
            Roles.ProvinceAdmin => inProvince && access != Access.PersonalData,
            Roles.CommuneOfficer => scope.Level == ScopeLevel.Commune && inCommune
                && (access is Access.Read or Access.Operate || access == Access.PersonalData && caller.PersonalDataGranted),
            Roles.Viewer => access == Access.Read && (caller.CommuneCode is null ? inProvince : scope.Level == ScopeLevel.Commune && inCommune),
            _ => false,
        };
    }
}
