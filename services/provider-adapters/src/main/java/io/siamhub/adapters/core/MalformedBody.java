package io.siamhub.adapters.core;

/** A body that is not the syntax the endpoint requires: answered 400 naming where it breaks. */
public class MalformedBody extends RuntimeException {

    public MalformedBody(String detail) {
        super(detail, null, false, false);
    }
}
