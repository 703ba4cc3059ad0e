package dev.plenum.control.org;

/**
 * Who is making an API request, once authenticated: always an organisation; a member when signed in with a
 * session cookie, none for an API key (which acts for the organisation as a whole).
 *
 * @param organisationId the tenant whose data the request may see
 * @param memberId       the signed-in member, or {@code null} for an API key
 * @param role           the member's role; {@link MemberRole#ADMIN} rights over conferences for an API key
 * @param via            how the request authenticated
 */
public record Principal(long organisationId, Long memberId, MemberRole role, Via via) {
    public enum Via { SESSION, API_KEY }

    /** Members and API keys may be managed only by an owner or admin, signed in (an API key cannot mint keys). */
    public boolean managesOrganisation() {
        return via == Via.SESSION && role.managesOrganisation();
    }
}
