-- Schema v4: touches counted per hour (UTC), kept by triggers in the same transaction
-- as every write to a touch, so the Week screen's twelve-week trend sums about 2,000
-- rows instead of reading every touch of those weeks. Derived data: not exported, and
-- rebuilt by these triggers when an export is restored.

CREATE TABLE touch_hour (
    -- happened_at / 3600: whole hours since 1970, UTC.
    hour      INTEGER PRIMARY KEY,
    -- Personal touches, and calls and meetings (phone, video, in person, event).
    personal  INTEGER NOT NULL,
    spoken    INTEGER NOT NULL
);

INSERT INTO touch_hour (hour, personal, spoken)
    SELECT happened_at / 3600, sum(personal), sum(channel IN ('phone', 'video', 'in_person', 'event'))
    FROM touch WHERE deleted_at IS NULL GROUP BY 1;

-- A touch counts while it is not deleted; every change takes it out of its old hour
-- and puts it into its new one.
CREATE TRIGGER touch_hour_insert AFTER INSERT ON touch WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO touch_hour (hour, personal, spoken)
        VALUES (NEW.happened_at / 3600, NEW.personal, NEW.channel IN ('phone', 'video', 'in_person', 'event'))
        ON CONFLICT (hour) DO UPDATE SET personal = personal + excluded.personal, spoken = spoken + excluded.spoken;
END;
CREATE TRIGGER touch_hour_delete AFTER DELETE ON touch WHEN OLD.deleted_at IS NULL BEGIN
    UPDATE touch_hour SET personal = personal - OLD.personal, spoken = spoken - (OLD.channel IN ('phone', 'video', 'in_person', 'event'))
        WHERE hour = OLD.happened_at / 3600;
END;
CREATE TRIGGER touch_hour_update_out AFTER UPDATE OF happened_at, channel, personal, deleted_at ON touch WHEN OLD.deleted_at IS NULL BEGIN
    UPDATE touch_hour SET personal = personal - OLD.personal, spoken = spoken - (OLD.channel IN ('phone', 'video', 'in_person', 'event'))
        WHERE hour = OLD.happened_at / 3600;
END;
CREATE TRIGGER touch_hour_update_in AFTER UPDATE OF happened_at, channel, personal, deleted_at ON touch WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO touch_hour (hour, personal, spoken)
        VALUES (NEW.happened_at / 3600, NEW.personal, NEW.channel IN ('phone', 'video', 'in_person', 'event'))
        ON CONFLICT (hour) DO UPDATE SET personal = personal + excluded.personal, spoken = spoken + excluded.spoken;
END;
