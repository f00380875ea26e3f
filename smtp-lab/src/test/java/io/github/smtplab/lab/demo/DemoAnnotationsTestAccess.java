package io.github.smtplab.lab.demo;

import java.util.List;

/** Lets tests in other packages use the list of English phrases that must not leak into French. */
public final class DemoAnnotationsTestAccess {

    private DemoAnnotationsTestAccess() {}

    /** See {@link DemoAnnotationsTest#ENGLISH_PHRASES}. */
    public static List<String> englishPhrases() {
        return DemoAnnotationsTest.ENGLISH_PHRASES;
    }
}
