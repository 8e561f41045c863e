// Package encode turns a composed message into the forms a client can hand
// to a person or a program: a mailto: link (RFC 6068), an .eml draft
// (RFC 5322 with RFC 2047 headers) and escaped HTML paragraphs.
//
// Every encoder treats its input as data. Header values never carry a line
// break into the output, and HTML never carries markup from the input.
package encode
