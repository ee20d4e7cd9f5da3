-- What the contacts page searches: name and company lower-cased, without Vietnamese marks
-- ("nguyen" finds "Nguyễn"), computed by the hub when it writes a contact (SQLite's lower() knows
-- only ASCII, so the database cannot do it the same way on both engines). Rows written before
-- this column are filled in by the hub at start.
alter table contacts add column search_key text;
