package io.github.camelliveagent.emulator.enhanced.token;

/** Salesforce record ids in their 15- and 18-character forms (the 3 extra characters encode the case of the 15). */
public final class OrgIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private OrgIds() {
    }

    /** Whether {@code given} is {@code id15} itself or its correct 18-character form. */
    public static boolean sameOrg(String given, String id15) {
        if (given == null) {
            return false;
        }
        if (given.length() == 15) {
            return given.equals(id15);
        }
        return given.length() == 18 && given.startsWith(id15) && given.substring(15).equals(suffix(id15));
    }

    /** The 18-character form of a 15-character id. */
    public static String to18(String id15) {
        return id15 + suffix(id15);
    }

    private static String suffix(String id15) {
        StringBuilder s = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            s.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return s.toString();
    }
}
