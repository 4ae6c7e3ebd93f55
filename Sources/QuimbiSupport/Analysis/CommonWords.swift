/// Frequent English words of five letters or more that are one edit away from a cue word and
/// must therefore never be "corrected" (e.g. `older` is not a misspelt `order`).
enum CommonWords {
    static let english: Set<String> = [
        "about", "above", "after", "again", "agree", "ahead", "allow", "alone", "along", "already", "always", "among",
        "answer", "anyone", "anything", "arrive", "asked", "aware", "before", "begin", "being", "below", "better",
        "between", "bought", "bring", "brought", "build", "called", "cannot", "carry", "cause", "change", "changed", "changes", "changing", "chase", "check",
        "choose", "clear", "close", "color", "colors", "colour", "could", "count", "cover", "cream", "daily", "dealt",
        "doing", "early", "either", "email", "enough", "every", "expect", "fabric", "first", "found", "friend", "given",
        "going", "happy", "having", "hello", "hours", "house", "items", "later", "learn", "least", "leave", "level",
        "light", "likes", "little", "lived", "longer", "looking", "maybe", "means", "metal", "metallic", "might",
        "minute", "money", "month", "months", "needle", "needles", "never", "night", "number", "offer", "often",
        "older", "order", "orders", "other", "others", "paper", "parts", "party", "pattern", "patterns", "people",
        "phone", "piece", "place", "plain", "plans", "please", "point", "power", "price", "prices", "print", "quilt",
        "quilting", "quite", "rather", "reach", "ready", "reason", "right", "round", "saying", "sender", "sense",
        "sewing", "shall", "share", "sheet", "short", "should", "shown", "silver", "since", "small", "someone",
        "something", "sorry", "sound", "spool", "spools", "stand", "start", "state", "stated", "still", "store",
        "story", "stuff", "taken", "takes", "thank", "thanks", "their", "there", "these", "thing", "things", "think",
        "those", "though", "thread", "threads", "three", "through", "times", "today", "total", "trade", "trying",
        "under", "until", "usual", "value", "wanted", "watch", "water", "weeks", "where", "which", "while", "whole",
        "woman", "words", "works", "world", "would", "write", "wrote", "years", "yesterday", "young", "yours",
    ]
}
