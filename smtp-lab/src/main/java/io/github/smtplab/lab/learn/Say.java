package io.github.smtplab.lab.learn;

/** The runner's own sentences in English or French ({@code --lang fr}); the exercises themselves are in English. */
record Say(boolean french) {

    static Say in(String lang) {
        return new Say("fr".equals(lang));
    }

    String t(String english, String francais) {
        return french ? francais : english;
    }
}
