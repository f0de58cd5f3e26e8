package io.github.camelliveagent.component.model.message;

/**
 * Where the server located the visitor (ChatRequestSuccess, ChasitorSessionData).
 *
 * @param countryCode  ISO-3166 alpha-2 code
 * @param countryName  country name
 * @param region       region
 * @param city         city
 * @param organization network organisation (ISP)
 * @param latitude     latitude
 * @param longitude    longitude
 */
public record GeoLocation(String countryCode, String countryName, String region, String city, String organization,
        Double latitude, Double longitude) {
}
