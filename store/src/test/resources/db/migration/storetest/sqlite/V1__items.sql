create table items (seq integer primary key, name text not null unique, note text);
