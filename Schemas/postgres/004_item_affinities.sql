-- Item-to-item co-purchase affinities, written by `quimbi segment` (replaced as a whole by each run).
-- Items are named with their variants ("Cotton Thread 50wt - Cream"), so colours count apart.
-- item_affinities: each item's strongest companions, score = cosine of their buyer sets, in (0, 1].
-- item_popularity: every item counted, by number of buyers (rank 1 = most bought): the fallback.
CREATE TABLE IF NOT EXISTS item_affinities (
    item       text NOT NULL,
    companion  text NOT NULL,
    score      double precision NOT NULL CHECK (score > 0 AND score < 'Infinity'),
    PRIMARY KEY (item, companion)
);

CREATE TABLE IF NOT EXISTS item_popularity (
    item    text PRIMARY KEY,
    rank    integer NOT NULL
);
