package service

// Lang is a language the content is written in, as a BCP 47 tag.
type Lang string

// LangEN is English, the default and, for now, the only language.
const LangEN Lang = "en"

// Langs lists the supported languages, default first.
var Langs = []Lang{LangEN}

// SupportedLang reports whether lang is one of Langs.
func SupportedLang(lang string) bool {
	for _, l := range Langs {
		if string(l) == lang {
			return true
		}
	}
	return false
}
